-- Comments with quotes, dollar signs, backslashes, newlines and non-ASCII on objects with hostile names of every kind that takes a comment.
CREATE SCHEMA "Com ""Schema""";
COMMENT ON SCHEMA "Com ""Schema""" IS 'it''s $$ a \ schema';
CREATE TYPE "Com ""Schema"""."Enum.Type" AS ENUM ('a', 'B');
COMMENT ON TYPE "Com ""Schema"""."Enum.Type" IS 'line one
line two';
CREATE DOMAIN "Com ""Schema"""."Dom Ain" AS int CONSTRAINT "Pos ""C""" CHECK (VALUE > 0);
COMMENT ON DOMAIN "Com ""Schema"""."Dom Ain" IS 'dömäin $a$ x $a$';
CREATE TABLE "Com ""Schema"""."Table ""T""" ("Col.1" int CONSTRAINT "PK ""T""" PRIMARY KEY, "bıgınt" "Com ""Schema"""."Dom Ain", "select" "Com ""Schema"""."Enum.Type");
COMMENT ON TABLE "Com ""Schema"""."Table ""T""" IS 'table ''T''';
COMMENT ON COLUMN "Com ""Schema"""."Table ""T"""."Col.1" IS '--not a comment';
COMMENT ON COLUMN "Com ""Schema"""."Table ""T"""."bıgınt" IS 'bıgınt';
COMMENT ON CONSTRAINT "PK ""T""" ON "Com ""Schema"""."Table ""T""" IS 'pk: yes';
CREATE INDEX "Idx ""I""" ON "Com ""Schema"""."Table ""T""" ("bıgınt");
COMMENT ON INDEX "Com ""Schema"""."Idx ""I""" IS '# hash';
CREATE SEQUENCE "Com ""Schema"""."Seq.S";
COMMENT ON SEQUENCE "Com ""Schema"""."Seq.S" IS 'null';
CREATE VIEW "Com ""Schema"""."View ""V""" AS SELECT "Col.1" AS "Out Col" FROM "Com ""Schema"""."Table ""T""";
COMMENT ON VIEW "Com ""Schema"""."View ""V""" IS '{ "json": true }';
COMMENT ON COLUMN "Com ""Schema"""."View ""V"""."Out Col" IS 'view column';
CREATE FUNCTION "Com ""Schema"""."Fn ""F"""("a b" int) RETURNS int LANGUAGE sql AS 'select 1';
COMMENT ON FUNCTION "Com ""Schema"""."Fn ""F"""(int) IS 'fn: ''quoted''';
