-- Every kind altered where its names are hostile: quotes, spaces, dots, capitals, reserved words, `bıgınt`.
DO $$ BEGIN CREATE ROLE "PgDrift Conv ""Role"""; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Alt ""S"".x";
CREATE TYPE "Alt ""S"".x"."Mood.E" AS ENUM ('Happy', 'it''s');
CREATE DOMAIN "Alt ""S"".x"."Pos Int" AS int CONSTRAINT "Pos ""C""" CHECK (VALUE > 0);
CREATE TYPE "Alt ""S"".x"."Comp T" AS ("a b" int);
CREATE TABLE "Alt ""S"".x"."Parent T" ("Id" int CONSTRAINT "PK ""P""" PRIMARY KEY, "select" text CONSTRAINT "UQ.select" UNIQUE);
CREATE TABLE "Alt ""S"".x"."Child.T" ("Id" int PRIMARY KEY, "Parent Id" int CONSTRAINT "FK → P" REFERENCES "Alt ""S"".x"."Parent T", "bıgınt" int, "Mood" "Alt ""S"".x"."Mood.E", "n" "Alt ""S"".x"."Pos Int", "drop me" text, CONSTRAINT "Chk ""1""" CHECK ("bıgınt" > 0));
CREATE INDEX "Idx.Child ""1""" ON "Alt ""S"".x"."Child.T" ("bıgınt");
CREATE SEQUENCE "Alt ""S"".x"."Seq ""S""" INCREMENT 1;
CREATE VIEW "Alt ""S"".x"."View ""V""" AS SELECT "Id", "bıgınt" FROM "Alt ""S"".x"."Child.T";
CREATE FUNCTION "Alt ""S"".x"."Fn.F"("a b" int) RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION "Alt ""S"".x"."Trg ""Fn"""() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER "Trg ""T"" ✓" BEFORE INSERT ON "Alt ""S"".x"."Child.T" FOR EACH ROW EXECUTE FUNCTION "Alt ""S"".x"."Trg ""Fn"""();
ALTER TABLE "Alt ""S"".x"."Child.T" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Pol ""P""" ON "Alt ""S"".x"."Child.T" FOR SELECT TO "PgDrift Conv ""Role""" USING ("bıgınt" > 0);
GRANT SELECT ON "Alt ""S"".x"."Child.T" TO "PgDrift Conv ""Role""";
COMMENT ON TABLE "Alt ""S"".x"."Child.T" IS 'old ''c''';
