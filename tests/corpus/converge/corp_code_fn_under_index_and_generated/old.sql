-- Immutable functions under an expression index, a partial index predicate and a stored generated column: one changes its body in place, one its return type (the index and the generated column are rebuilt around the drop and create), one gains STRICT; the rows survive.
CREATE SCHEMA fi;
CREATE FUNCTION fi.norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select lower(s)';
CREATE FUNCTION fi.weight(n int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select n * 2';
CREATE FUNCTION fi.live(n int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'select n > 0';
CREATE TABLE fi.t (id int PRIMARY KEY, name text, n int, w int GENERATED ALWAYS AS (fi.weight(n)) STORED);
CREATE INDEX t_norm ON fi.t (fi.norm(name));
CREATE INDEX t_weight ON fi.t (fi.weight(n));
CREATE INDEX t_live ON fi.t (id) WHERE fi.live(n);
