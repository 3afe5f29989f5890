CREATE SCHEMA "Agg Chg";
CREATE FUNCTION "Agg Chg".acc(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 + $2';
CREATE FUNCTION "Agg Chg".dec(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 - $2';
CREATE FUNCTION "Agg Chg".comb(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 + $2';
CREATE AGGREGATE "Agg Chg"."Sum ""It"""(int) (SFUNC = "Agg Chg".acc, STYPE = bigint, INITCOND = '100', COMBINEFUNC = "Agg Chg".comb, PARALLEL = SAFE, MSFUNC = "Agg Chg".acc, MINVFUNC = "Agg Chg".dec, MSTYPE = bigint, MINITCOND = '100');
CREATE AGGREGATE "Agg Chg".top(int4) (SFUNC = int4larger, STYPE = int4, SORTOP = >);
CREATE AGGREGATE "Agg Chg"."New Agg"(text) (SFUNC = textcat, STYPE = text, INITCOND = '');
CREATE TABLE "Agg Chg".t (v int);
CREATE VIEW "Agg Chg".totals AS SELECT "Agg Chg"."Sum ""It"""(v) AS s FROM "Agg Chg".t;
