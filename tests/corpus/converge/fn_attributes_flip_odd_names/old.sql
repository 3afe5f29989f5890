-- Function attributes changed in place (pg-delta routine rules): volatility, STRICT, LEAKPROOF, COST/ROWS, PARALLEL, SECURITY DEFINER to INVOKER, SET options added and removed, a body change of a BEGIN ATOMIC function, and a return-type change that forces drop + create under a view; odd names.
CREATE SCHEMA "Fn Flip";
CREATE TABLE "Fn Flip"."Row ""Q""" (id int PRIMARY KEY, v text);
CREATE FUNCTION "Fn Flip"."Eq"(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'select a = b';
CREATE FUNCTION "Fn Flip".rows_of(n int) RETURNS SETOF int LANGUAGE sql STABLE ROWS 10 COST 50 AS 'select generate_series(1, n)';
CREATE FUNCTION "Fn Flip"."Definer"() RETURNS text LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS 'select current_user::text';
CREATE FUNCTION "Fn Flip".plain(x int) RETURNS int LANGUAGE sql PARALLEL UNSAFE AS 'select x';
CREATE FUNCTION "Fn Flip".n_rows() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM "Fn Flip"."Row ""Q"""; END;
CREATE FUNCTION "Fn Flip".label(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || i $$;
CREATE VIEW "Fn Flip".labels AS SELECT id, "Fn Flip".label(id) AS l FROM "Fn Flip"."Row ""Q""";
