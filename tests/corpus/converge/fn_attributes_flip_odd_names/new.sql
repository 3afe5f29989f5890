CREATE SCHEMA "Fn Flip";
CREATE TABLE "Fn Flip"."Row ""Q""" (id int PRIMARY KEY, v text);
CREATE FUNCTION "Fn Flip"."Eq"(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE AS 'select a = b';
CREATE FUNCTION "Fn Flip".rows_of(n int) RETURNS SETOF int LANGUAGE sql VOLATILE ROWS 500 COST 7 AS 'select generate_series(1, n)';
CREATE FUNCTION "Fn Flip"."Definer"() RETURNS text LANGUAGE sql SET work_mem = '16MB' AS 'select current_user::text';
CREATE FUNCTION "Fn Flip".plain(x int) RETURNS int LANGUAGE sql PARALLEL RESTRICTED SET search_path = "Fn Flip", pg_temp AS 'select x';
CREATE FUNCTION "Fn Flip".n_rows() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM "Fn Flip"."Row ""Q""" WHERE v IS NOT NULL; END;
CREATE FUNCTION "Fn Flip".label(i int) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || i $$;
CREATE VIEW "Fn Flip".labels AS SELECT id, "Fn Flip".label(id) AS l FROM "Fn Flip"."Row ""Q""";
