CREATE SCHEMA fi;
CREATE FUNCTION fi.norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select lower(trim(s))';
CREATE FUNCTION fi.weight(n int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'select n::bigint * 2';
CREATE FUNCTION fi.live(n int) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'select n > 0';
CREATE TABLE fi.t (id int PRIMARY KEY, name text, n int, w int GENERATED ALWAYS AS (fi.weight(n)) STORED);
CREATE INDEX t_norm ON fi.t (fi.norm(name));
CREATE INDEX t_weight ON fi.t (fi.weight(n));
CREATE INDEX t_live ON fi.t (id) WHERE fi.live(n);
