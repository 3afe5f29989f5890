DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA app;
-- A type: PUBLIC's USAGE revoked, granted to a role; a new type in a second schema, odd name.
CREATE TYPE app.mood AS ENUM ('a', 'b');
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
GRANT USAGE ON TYPE app.mood TO pgdrift_pol_app;
CREATE TYPE app."Odd ""T"" é" AS ENUM ('x');
GRANT USAGE ON TYPE app."Odd ""T"" é" TO pgdrift_pol_ro WITH GRANT OPTION;
-- The classic: a SECURITY DEFINER function that PUBLIC may not execute.
CREATE FUNCTION app.touch() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
REVOKE EXECUTE ON FUNCTION app.touch() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.touch() TO pgdrift_pol_app WITH GRANT OPTION;
-- The result type changes: dropped and created again, its grants re-applied after it.
CREATE FUNCTION app.calc(a int) RETURNS bigint LANGUAGE sql AS 'select a::bigint';
REVOKE EXECUTE ON FUNCTION app.calc(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.calc(int) TO pgdrift_pol_ro;
-- Overloads: each has its own grants.
CREATE FUNCTION over(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE FUNCTION over(a text) RETURNS int LANGUAGE sql AS 'select 1';
REVOKE ALL ON FUNCTION over(int) FROM PUBLIC;
-- New routines with grants, a procedure with an odd name.
CREATE FUNCTION app.fresh(x text) RETURNS text LANGUAGE sql AS 'select x';
REVOKE ALL ON FUNCTION app.fresh(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.fresh(text) TO pgdrift_pol_ro;
CREATE PROCEDURE "Do ""It"" é"(x int) LANGUAGE sql AS 'select 1';
REVOKE EXECUTE ON PROCEDURE "Do ""It"" é"(int) FROM PUBLIC;
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE VIEW v AS SELECT id, n FROM t;
GRANT SELECT (n), UPDATE (n) ON v TO pgdrift_pol_ro;
