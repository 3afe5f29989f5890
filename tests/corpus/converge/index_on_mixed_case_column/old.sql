create table "T" ("ColA" int, "col b" text);
