-- Routine signatures changed: a default added to a parameter, a parameter renamed (drop + create), OUT parameters changed, RETURNS TABLE columns changed, SETOF ROWS changed, a procedure gains a parameter, a trigger function replaced while a trigger uses it, an overload added; odd names.
CREATE SCHEMA "Sig";
CREATE TABLE "Sig"."T" (id int PRIMARY KEY, v text);
CREATE FUNCTION "Sig".f(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select a + b';
CREATE FUNCTION "Sig"."Renamed Arg"(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x';
CREATE FUNCTION "Sig".outs(a int, OUT doubled int, OUT tripled int) LANGUAGE sql AS 'select a * 2, a * 3';
CREATE FUNCTION "Sig".tab(n int) RETURNS TABLE (k int) LANGUAGE sql AS 'select generate_series(1, n)';
CREATE PROCEDURE "Sig".p(a int) LANGUAGE sql AS 'select a';
CREATE FUNCTION "Sig".trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.v := 'old'; RETURN NEW; END$$;
CREATE TRIGGER set_v BEFORE INSERT ON "Sig"."T" FOR EACH ROW EXECUTE FUNCTION "Sig".trg();
