create table "Cover Me" (id int, "Code" text, "x ""y""" int,
  constraint "Code Key" unique ("Code") include ("x ""y"""));
