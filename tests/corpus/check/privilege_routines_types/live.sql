DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('a', 'b');
CREATE TYPE "Odd Type" AS ENUM ('x');
CREATE TYPE plain AS ENUM ('y');
CREATE FUNCTION app.touch() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql AS 'select 1';
CREATE PROCEDURE "Weird ""Proc"" é"(x int) LANGUAGE sql AS 'select 1';
CREATE FUNCTION same() RETURNS int LANGUAGE sql AS 'select 1';
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE VIEW v AS SELECT id, n FROM t;
-- app.touch(): the declared REVOKE FROM PUBLIC was lost (PUBLIC may execute a SECURITY DEFINER
-- function again).
-- f(integer): declared WITH GRANT OPTION, granted without it.
GRANT EXECUTE ON FUNCTION f(int) TO pgdrift_pol_app;
-- f(text): not declared, but PUBLIC's EXECUTE was revoked by hand.
REVOKE EXECUTE ON FUNCTION f(text) FROM PUBLIC;
-- The procedure: as declared (spelled `all` there).
GRANT EXECUTE ON PROCEDURE "Weird ""Proc"" é"(int) TO pgdrift_pol_ro;
-- same(): revoked and granted back: the built-in default again, no drift.
REVOKE EXECUTE ON FUNCTION same() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION same() TO PUBLIC;
-- app.mood: as declared. "Odd Type": not declared, granted by hand. plain: declared, lost.
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
GRANT USAGE ON TYPE app.mood TO pgdrift_pol_ro;
GRANT USAGE ON TYPE "Odd Type" TO pgdrift_pol_app;
-- A column grant on the view: declared on n, granted on id.
GRANT SELECT (id) ON v TO pgdrift_pol_ro;
