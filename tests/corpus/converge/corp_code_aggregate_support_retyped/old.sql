-- An aggregate's transition and final functions change their state type (int to bigint), so the functions and the aggregate are dropped and created anew while a view and a materialized view call the aggregate; an aggregate whose support function only changes its body stays.
CREATE SCHEMA ar;
CREATE TABLE ar.t (g int, v int);
CREATE FUNCTION ar.acc(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select s + v';
CREATE FUNCTION ar.fin(s int) RETURNS text LANGUAGE sql IMMUTABLE AS 'select s::text';
CREATE AGGREGATE ar.total(int) (SFUNC = ar.acc, STYPE = int, FINALFUNC = ar.fin, INITCOND = '0');
CREATE FUNCTION ar.keep_acc(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select s + v';
CREATE AGGREGATE ar.kept(int) (SFUNC = ar.keep_acc, STYPE = int, INITCOND = '0');
CREATE VIEW ar.per_g AS SELECT g, ar.total(v) AS t, ar.kept(v) AS k FROM ar.t GROUP BY g;
CREATE MATERIALIZED VIEW ar.m AS SELECT ar.total(v) AS t FROM ar.t;
COMMENT ON AGGREGATE ar.total(int) IS 'total as text';
