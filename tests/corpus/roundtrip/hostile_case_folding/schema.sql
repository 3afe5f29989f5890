-- Names that collide after case folding (Foo, foo, FOO; bıgınt, BIGINT, bigint, "BıGıNT") as tables, columns, indexes, constraints, views, sequences, enums and schemas side by side.
CREATE SCHEMA "Fold";
CREATE SCHEMA fold;
CREATE SCHEMA "FOLD";
CREATE TYPE "Fold"."Mood" AS ENUM ('x');
CREATE TYPE "Fold".mood AS ENUM ('X', 'x');
CREATE TABLE "Fold"."Foo" ("Id" int CONSTRAINT "Foo_pkey" PRIMARY KEY, id int, "ID" int, "bıgınt" bigint, "BIGINT" int, "bigint" bigint, "BıGıNT" int, m "Fold"."Mood", n "Fold".mood);
CREATE TABLE "Fold".foo (id int CONSTRAINT foo_pkey PRIMARY KEY, "Id" int CONSTRAINT "FOO_CHECK" CHECK ("Id" > 0), CONSTRAINT foo_check CHECK (id > 0));
CREATE TABLE fold."FOO" ("İd" int, "ıd" int, "id" int);
CREATE TABLE "FOLD"."Foo" (a int);
CREATE INDEX "Foo_Idx" ON "Fold"."Foo" ("bıgınt");
CREATE INDEX foo_idx ON "Fold"."Foo" ("BIGINT");
CREATE INDEX "FOO_IDX" ON "Fold".foo ("Id");
CREATE SEQUENCE "Fold"."Seq";
CREATE SEQUENCE "Fold".seq;
CREATE VIEW "Fold"."V" AS SELECT "Id", id, "ID" FROM "Fold"."Foo";
CREATE VIEW "Fold".v AS SELECT "bıgınt", "BIGINT", "bigint", "BıGıNT" FROM "Fold"."Foo";
