-- Argument forms: an OUT column added, a default changed and one removed, a VARIADIC element type changed, RETURNS TABLE gains a column, SETOF int becomes SETOF bigint, a default added in place, an IN made INOUT; mixed-case and reserved-word parameter names.
CREATE SCHEMA fa;
CREATE FUNCTION fa.split_pair(IN s text, OUT a text, OUT b text) LANGUAGE sql AS $$SELECT split_part(s, ',', 1), split_part(s, ',', 2)$$;
CREATE FUNCTION fa.bump(INOUT n int, step int DEFAULT 1) LANGUAGE sql AS 'select n + step';
CREATE FUNCTION fa.total(VARIADIC xs int[]) RETURNS int LANGUAGE sql AS 'select sum(x)::int from unnest(xs) x';
CREATE FUNCTION fa.pairs(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql AS 'select g, g*g from generate_series(1, n) g';
CREATE FUNCTION fa.ids() RETURNS SETOF int LANGUAGE sql AS 'select 1';
CREATE FUNCTION fa.greet("Name" text DEFAULT 'world', "order" text DEFAULT '!') RETURNS text LANGUAGE sql AS $$select 'hi ' || "Name" || "order"$$;
CREATE FUNCTION fa.keep(a int, b int DEFAULT 2) RETURNS int LANGUAGE sql AS 'select a + b';
CREATE FUNCTION fa.io(x int, y int) RETURNS int LANGUAGE sql AS 'select x + y';
