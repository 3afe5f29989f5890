-- Odd identifiers as schema, table and column names: capitals, spaces, quotes, reserved words, non-ASCII, dots.
CREATE SCHEMA "My Schema";
CREATE SCHEMA "dotted.schema";
CREATE SCHEMA "Größe";
CREATE SCHEMA "select";
CREATE TABLE "My Schema"."User Table" (
    "Id" bigint PRIMARY KEY,
    "select" text,
    "we""ird" integer,
    "Größe" numeric(10,2),
    "with space" varchar(20),
    "a.b" boolean,
    "UPPER" date,
    "from" smallint,
    "ÄÖÜ äöü ß" text,
    "日本語" text,
    "emoji🙂" text
);
CREATE TABLE "dotted.schema"."dotted.table" ("dotted.column" int NOT NULL, "x" int);
CREATE TABLE "Größe"."Größe" ("Größe" int PRIMARY KEY);
CREATE TABLE "select"."table" ("column" int, "order" text, "group" text, "user" text);
CREATE TABLE public."Mixed" ("MixedCol" int, mixedcol int, "mixedCOL" int);
CREATE TABLE public."""quoted""" ("""q""" int, "'single'" text, "back\slash" text);
CREATE TABLE public."a_name_that_is_exactly_sixty_three_bytes_long_xxxxxxxxxxxxxxxxx" ("c" int);
