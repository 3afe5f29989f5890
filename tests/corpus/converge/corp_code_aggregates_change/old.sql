-- Aggregates: INITCOND changed under a view that calls the aggregate, PARALLEL and COMBINEFUNC added, one dropped while its support function stays, the support function's body changed in place, an odd-named text aggregate added, comments on aggregates.
CREATE SCHEMA ag;
CREATE FUNCTION ag.acc(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select s + v';
CREATE FUNCTION ag.fin(s int) RETURNS text LANGUAGE sql IMMUTABLE AS 'select s::text';
CREATE AGGREGATE ag.mysum(int) (SFUNC = ag.acc, STYPE = int, INITCOND = '0');
CREATE AGGREGATE ag.label(int) (SFUNC = ag.acc, STYPE = int, FINALFUNC = ag.fin, INITCOND = '0');
CREATE AGGREGATE ag.gone(int) (SFUNC = ag.acc, STYPE = int);
CREATE VIEW ag.v AS SELECT ag.mysum(x) AS s FROM generate_series(1, 3) x;
COMMENT ON AGGREGATE ag.label(int) IS 'labels';
