create table "T" ("ColA" int, "col b" text);
create index "T_Idx" on "T" ("ColA", "col b");
create unique index "T_uq" on "T" (lower("col b")) where ("ColA" > 0);
