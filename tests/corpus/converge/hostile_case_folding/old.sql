-- Names that collide after case folding: one of each pair changes or goes, the other must stay untouched.
CREATE TABLE "Foo" ("Id" int PRIMARY KEY, id int, "bıgınt" int, "BIGINT" int);
CREATE TABLE foo (id int PRIMARY KEY, "ID" int);
CREATE INDEX "Foo_Idx" ON "Foo" ("bıgınt");
CREATE INDEX foo_idx ON "Foo" ("BIGINT");
CREATE TYPE "Mood" AS ENUM ('a');
CREATE TYPE mood AS ENUM ('A');
CREATE VIEW "V" AS SELECT "Id" FROM "Foo";
CREATE VIEW v AS SELECT id FROM foo;
