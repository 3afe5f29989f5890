-- Check constraints with odd expressions: IN lists, regex, BETWEEN, CASE, LIKE with quotes and escapes, IS DISTINCT FROM, functions, casts, arrays, several columns, NOT, column-level and table-level checks.
CREATE TYPE kind AS ENUM ('a', 'b');
CREATE TABLE checks (
    a int CHECK (a > 0),
    b text CHECK (b IN ('x', 'y', 'it''s')),
    c text CONSTRAINT c_regex CHECK (c ~ '^[A-Z][a-z]*$' AND c !~* 'forbidden'),
    d numeric(5,2) CHECK (d BETWEEN -1.5 AND 99.99),
    e int,
    f text CHECK (f LIKE '100\%%' ESCAPE '\' OR f LIKE '_''%'),
    g int[] CHECK (array_length(g, 1) <= 3 AND 0 <> ALL (g)),
    h kind CHECK (h <> 'b'::kind),
    i timestamptz CHECK (i > '2000-01-01 00:00:00+00'::timestamptz),
    j jsonb CHECK (j ? 'id' AND jsonb_typeof(j -> 'id') = 'number'),
    k text CHECK (length(k) < 10 AND char_length(k) > 0),
    "Odd Col" int CHECK ("Odd Col" IS DISTINCT FROM 13),
    CONSTRAINT multi_col CHECK (CASE WHEN a > 10 THEN e IS NOT NULL ELSE true END),
    CONSTRAINT not_equal CHECK (NOT (a = e)),
    CONSTRAINT "Check ""odd"" name" CHECK (coalesce(e, 0) + coalesce(a, 0) < 1000),
    CONSTRAINT always_true CHECK (true)
);
