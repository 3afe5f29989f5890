CREATE SCHEMA "My Schema";
CREATE TYPE "My Schema"."Mood.E" AS ENUM ('Happy', 'Sad');
CREATE TABLE "My Schema"."Dot.Table" ("Id" bigint PRIMARY KEY, "bıgınt" integer, "we""ird" "My Schema"."Mood.E", "BIGINT" int, CONSTRAINT "Chk ""1""" CHECK ("bıgınt" > 1));
CREATE VIEW "My Schema"."View ""V""" AS SELECT "Id" FROM "My Schema"."Dot.Table";
