CREATE TABLE "Foo" ("Id" int PRIMARY KEY, id bigint, "BIGINT" int);
CREATE TABLE foo (id int PRIMARY KEY, "ID" int, "bıgınt" text);
CREATE INDEX foo_idx ON "Foo" ("BIGINT", id);
CREATE TYPE "Mood" AS ENUM ('a', 'b');
CREATE TYPE mood AS ENUM ('A');
CREATE VIEW "V" AS SELECT "Id", id FROM "Foo";
CREATE VIEW v AS SELECT id FROM foo;
