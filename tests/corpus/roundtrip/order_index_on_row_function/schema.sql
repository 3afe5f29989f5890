-- A "computed field" (a function taking the table's row type) used by an expression index, a check and a view: the function needs the table, the index and the check need the function.
CREATE TABLE people (id int PRIMARY KEY, first text NOT NULL, last text NOT NULL);
CREATE FUNCTION full_name(p people) RETURNS text IMMUTABLE LANGUAGE sql
  BEGIN ATOMIC SELECT p.first || ' ' || p.last; END;
CREATE INDEX people_full_name ON people (full_name(people));
CREATE VIEW people_named AS SELECT id, full_name(p) AS name FROM people p;
