-- Hostile names in routines and triggers: functions, procedures and overloads named with capitals, spaces, quotes, dots, reserved words and `bıgınt`, odd argument names, triggers with odd names on odd tables calling them.
CREATE SCHEMA "Fn Schema.v2";
CREATE TABLE "Fn Schema.v2"."Order Lines" ("Line Id" int PRIMARY KEY, "bıgınt" bigint, "select" text, "Updated.At" timestamptz);
CREATE FUNCTION "Fn Schema.v2"."Touch ""Row"""() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW."Updated.At" := now(); RETURN NEW; END$$;
CREATE FUNCTION "Fn Schema.v2"."bıgınt"("bıgınt" bigint, "Select" text DEFAULT 'a''b') RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT "bıgınt" + length("Select")$$;
CREATE FUNCTION "Fn Schema.v2"."bıgınt"("x.y" int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT "x.y"::bigint$$;
CREATE FUNCTION public."select"("from" int, OUT "to" int, OUT "Where" text) LANGUAGE sql AS $$SELECT "from", 'w'$$;
CREATE FUNCTION public."BIGINT"() RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION public.bigint_() RETURNS int LANGUAGE sql AS 'select 2';
CREATE PROCEDURE "Fn Schema.v2"."Do/It ..""now"""(IN "a b" int) LANGUAGE plpgsql AS $$BEGIN PERFORM "a b"; END$$;
CREATE TRIGGER "Before ""Update"" ✓" BEFORE UPDATE ON "Fn Schema.v2"."Order Lines" FOR EACH ROW WHEN (OLD."select" IS DISTINCT FROM NEW."select") EXECUTE FUNCTION "Fn Schema.v2"."Touch ""Row"""();
CREATE TRIGGER "table" BEFORE INSERT OR UPDATE OF "bıgınt", "Updated.At" ON "Fn Schema.v2"."Order Lines" FOR EACH ROW EXECUTE FUNCTION "Fn Schema.v2"."Touch ""Row"""();
CREATE TRIGGER "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" AFTER DELETE ON "Fn Schema.v2"."Order Lines" FOR EACH STATEMENT EXECUTE FUNCTION "Fn Schema.v2"."Touch ""Row"""();
