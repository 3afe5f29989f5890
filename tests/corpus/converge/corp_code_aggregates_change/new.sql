CREATE SCHEMA ag;
CREATE FUNCTION ag.acc(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select coalesce(s, 0) + coalesce(v, 0)';
CREATE FUNCTION ag.fin(s int) RETURNS text LANGUAGE sql IMMUTABLE AS 'select s::text';
CREATE AGGREGATE ag.mysum(int) (SFUNC = ag.acc, STYPE = int, INITCOND = '10');
CREATE AGGREGATE ag.label(int) (SFUNC = ag.acc, STYPE = int, FINALFUNC = ag.fin, COMBINEFUNC = ag.acc, INITCOND = '0', PARALLEL = SAFE);
CREATE AGGREGATE ag."Join ""It"""(text) (SFUNC = textcat, STYPE = text, INITCOND = '');
CREATE VIEW ag.v AS SELECT ag.mysum(x) AS s FROM generate_series(1, 3) x;
COMMENT ON AGGREGATE ag.label(int) IS 'labels, combinable';
COMMENT ON AGGREGATE ag."Join ""It"""(text) IS 'joins';
