-- Function attributes: VARIADIC, LEAKPROOF, COST and ROWS, PARALLEL RESTRICTED, several SET options, CALLED ON NULL INPUT, RETURNS TABLE, SETOF a table, an internal WINDOW function, polymorphic anycompatible arguments, default arguments after OUT, odd names.
CREATE SCHEMA "Fn Attr";
CREATE TABLE "Fn Attr"."Item" (id int PRIMARY KEY, "Name" text);
CREATE FUNCTION "Fn Attr".concat_all(sep text, VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$SELECT array_to_string(parts, sep)$$;
CREATE FUNCTION "Fn Attr"."Eq ""Secret"""(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT LEAKPROOF AS 'select a = b';
CREATE FUNCTION "Fn Attr".items(min_id int DEFAULT 0) RETURNS SETOF "Fn Attr"."Item" LANGUAGE sql STABLE ROWS 42 COST 1000 PARALLEL RESTRICTED AS $$SELECT * FROM "Fn Attr"."Item" WHERE id >= min_id$$;
CREATE FUNCTION "Fn Attr".pairs(n int) RETURNS TABLE ("Left" int, "right" text) LANGUAGE plpgsql CALLED ON NULL INPUT SET work_mem = '8MB' SET search_path = pg_catalog, pg_temp SECURITY DEFINER AS $$BEGIN RETURN QUERY SELECT g, g::text FROM generate_series(1, n) g; END$$;
CREATE FUNCTION "Fn Attr".row_num() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_row_number';
CREATE FUNCTION "Fn Attr".first_of(a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS 'select coalesce(a, b)';
CREATE FUNCTION "Fn Attr".split_it(INOUT s text, OUT head text, sep text DEFAULT ',') LANGUAGE sql AS $$SELECT s, split_part(s, sep, 1)$$;
CREATE FUNCTION "Fn Attr".clock() RETURNS timestamptz LANGUAGE sql VOLATILE SET timezone = 'UTC' SET "DateStyle" = 'ISO, YMD' AS 'select now()';
COMMENT ON FUNCTION "Fn Attr".row_num() IS 'a window function in C';
