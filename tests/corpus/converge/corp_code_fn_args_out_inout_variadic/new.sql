CREATE SCHEMA fa;
CREATE FUNCTION fa.split_pair(IN s text, OUT a text, OUT b text, OUT c text) LANGUAGE sql AS $$SELECT split_part(s, ',', 1), split_part(s, ',', 2), split_part(s, ',', 3)$$;
CREATE FUNCTION fa.bump(INOUT n int, step int DEFAULT 5) LANGUAGE sql AS 'select n + step';
CREATE FUNCTION fa.total(VARIADIC xs numeric[]) RETURNS int LANGUAGE sql AS 'select sum(x)::int from unnest(xs) x';
CREATE FUNCTION fa.pairs(n int) RETURNS TABLE (i int, sq int, "Cube" bigint) LANGUAGE sql AS 'select g, g*g, (g*g*g)::bigint from generate_series(1, n) g';
CREATE FUNCTION fa.ids() RETURNS SETOF bigint LANGUAGE sql AS 'select 1::bigint';
CREATE FUNCTION fa.greet("Name" text, "order" text DEFAULT '?') RETURNS text LANGUAGE sql AS $$select 'hi ' || "Name" || "order"$$;
CREATE FUNCTION fa.keep(a int DEFAULT 1, b int DEFAULT 2) RETURNS int LANGUAGE sql AS 'select a + b';
CREATE FUNCTION fa.io(INOUT x int, y int) LANGUAGE sql AS 'select x + y';
