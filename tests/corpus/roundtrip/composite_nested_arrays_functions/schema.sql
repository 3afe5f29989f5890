-- Composite types: a composite holding an array of another composite, a domain and an enum, a column of a composite array with a default row literal, a function returning the composite and one taking a table row type, an attribute collation.
CREATE SCHEMA "Comp";
CREATE TYPE "Comp".unit AS ENUM ('g', 'kg', 'piece');
CREATE DOMAIN "Comp".qty AS numeric CHECK (VALUE >= 0);
CREATE TYPE "Comp"."Line" AS ("Product Name" text COLLATE "C", amount "Comp".qty, unit "Comp".unit);
CREATE TYPE "Comp".recipe AS (title text, lines "Comp"."Line"[], "order" int);
CREATE TABLE "Comp".kitchen (id int PRIMARY KEY, current "Comp".recipe, history "Comp".recipe[] DEFAULT ARRAY[]::"Comp".recipe[], first_line "Comp"."Line" DEFAULT ROW('salt', 1, 'g')::"Comp"."Line");
CREATE FUNCTION "Comp".make_line(n text, a numeric) RETURNS "Comp"."Line" LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(n, a, 'piece')::"Comp"."Line" $$;
CREATE FUNCTION "Comp".line_count(k "Comp".kitchen) RETURNS int LANGUAGE sql STABLE AS $$ SELECT coalesce(cardinality((k.current).lines), 0) $$;
CREATE VIEW "Comp".lines AS SELECT k.id, (l).* FROM "Comp".kitchen k, unnest((k.current).lines) AS l;
