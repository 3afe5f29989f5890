create table "Cover Me" (id int, "Code" text, "x ""y""" int);
create unique index "Code Key" on "Cover Me" ("Code") include ("x ""y""");
