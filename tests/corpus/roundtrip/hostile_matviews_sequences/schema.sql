-- Materialized views, their indexes and owned sequences with hostile names: quotes, dots, spaces, reserved words, 63 bytes, and view bodies that use them.
CREATE SCHEMA "MV ""Schema""";
CREATE TABLE "MV ""Schema"""."Fact.Table" ("Key" serial PRIMARY KEY, "group" text, "Größe" numeric);
CREATE SEQUENCE "MV ""Schema"""."Owned ""Seq""" OWNED BY "MV ""Schema"""."Fact.Table"."Größe";
CREATE MATERIALIZED VIEW "MV ""Schema"""."Sum by ""Group""" AS SELECT "group", sum("Größe") AS "Sum.Größe" FROM "MV ""Schema"""."Fact.Table" GROUP BY "group";
CREATE UNIQUE INDEX "on ""group""" ON "MV ""Schema"""."Sum by ""Group""" ("group");
CREATE MATERIALIZED VIEW "MV ""Schema"""."mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm" AS SELECT "Key" FROM "MV ""Schema"""."Fact.Table" WITH NO DATA;
CREATE VIEW "MV ""Schema"""."select" AS SELECT s."group", m."Key" FROM "MV ""Schema"""."Sum by ""Group""" s, "MV ""Schema"""."mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm" m;
