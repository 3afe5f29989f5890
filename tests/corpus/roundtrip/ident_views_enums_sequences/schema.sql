-- Odd identifiers as view, materialized view, enum and sequence names, and odd names used inside view bodies.
CREATE SCHEMA "App Schema";
CREATE TYPE "App Schema"."Mood Type" AS ENUM ('Happy', 'Sad');
CREATE TYPE "enum.with.dots" AS ENUM ('a');
CREATE TYPE "Größe" AS ENUM ('klein', 'groß');
CREATE SEQUENCE "Seq.Größe";
CREATE SEQUENCE "App Schema"."Order" START 10;
CREATE TABLE "App Schema"."People" (
    "Id" int PRIMARY KEY DEFAULT nextval('"App Schema"."Order"'),
    "Mood" "App Schema"."Mood Type",
    "Größe" "Größe",
    "dot" "enum.with.dots",
    "n" bigint DEFAULT nextval('"Seq.Größe"'::regclass)
);
CREATE VIEW "View.With.Dots" AS SELECT "Id", "Mood" FROM "App Schema"."People";
CREATE VIEW "App Schema"."Größe View" AS SELECT "Id" AS "Ident ""x""", "Größe" FROM "App Schema"."People" WHERE "Mood" = 'Happy';
CREATE VIEW "select" AS SELECT * FROM "View.With.Dots";
CREATE MATERIALIZED VIEW "App Schema"."Mat.View Größe" AS SELECT "Mood", count(*) AS "Count" FROM "App Schema"."People" GROUP BY "Mood";
CREATE INDEX "Mat Idx" ON "App Schema"."Mat.View Größe" ("Mood");
