-- Aggregates changed (pg-delta aggregate-options): an INITCOND change, COMBINEFUNC and PARALLEL added, a moving-aggregate set added, SORTOP added, one aggregate dropped and one created, with a view using one of them.
CREATE SCHEMA "Agg Chg";
CREATE FUNCTION "Agg Chg".acc(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 + $2';
CREATE FUNCTION "Agg Chg".dec(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 - $2';
CREATE FUNCTION "Agg Chg".comb(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 + $2';
CREATE AGGREGATE "Agg Chg"."Sum ""It"""(int) (SFUNC = "Agg Chg".acc, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE "Agg Chg".top(int4) (SFUNC = int4larger, STYPE = int4);
CREATE AGGREGATE "Agg Chg".gone(int) (SFUNC = "Agg Chg".acc, STYPE = bigint, INITCOND = '0');
CREATE TABLE "Agg Chg".t (v int);
CREATE VIEW "Agg Chg".totals AS SELECT "Agg Chg"."Sum ""It"""(v) AS s FROM "Agg Chg".t;
