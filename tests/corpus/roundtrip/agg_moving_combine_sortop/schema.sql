-- Aggregate options (pg-delta aggregate-options): moving-aggregate set, COMBINEFUNC/SERIALFUNC/DESERIALFUNC, FINALFUNC_MODIFY/FINALFUNC_EXTRA, SORTOP, PARALLEL, a hypothetical-set and a VARIADIC aggregate, odd names.
CREATE SCHEMA "Agg Ops";
CREATE FUNCTION "Agg Ops"."int Acc"(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 + $2';
CREATE FUNCTION "Agg Ops"."int Dec"(bigint, int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS 'select $1 - $2';
CREATE FUNCTION "Agg Ops".comb(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'select $1 + $2';
CREATE FUNCTION "Agg Ops".fin(bigint) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'select $1::numeric / 2';
CREATE AGGREGATE "Agg Ops"."Moving ""Sum"""(int) (
  SFUNC = "Agg Ops"."int Acc", STYPE = bigint, INITCOND = '0',
  COMBINEFUNC = "Agg Ops".comb, PARALLEL = SAFE,
  MSFUNC = "Agg Ops"."int Acc", MINVFUNC = "Agg Ops"."int Dec", MSTYPE = bigint, MINITCOND = '0',
  FINALFUNC = "Agg Ops".fin, FINALFUNC_MODIFY = READ_ONLY, MFINALFUNC = "Agg Ops".fin
);
CREATE AGGREGATE "Agg Ops".my_max(int4) (SFUNC = int4larger, STYPE = int4, SORTOP = >, COMBINEFUNC = int4larger, PARALLEL = SAFE);
CREATE AGGREGATE "Agg Ops".avg_like(float8) (SFUNC = float8_accum, STYPE = float8[], FINALFUNC = float8_avg, INITCOND = '{0,0,0}', COMBINEFUNC = float8_combine, PARALLEL = SAFE);
CREATE AGGREGATE "Agg Ops"."rank Of"(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE "Agg Ops".arr_cat(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray, INITCOND = '{}');
COMMENT ON AGGREGATE "Agg Ops"."Moving ""Sum"""(int) IS 'windowed sum';
CREATE TABLE "Agg Ops".t (v int);
CREATE VIEW "Agg Ops".v AS SELECT "Agg Ops"."Moving ""Sum"""(v) OVER (ORDER BY v ROWS 2 PRECEDING) AS s, "Agg Ops".my_max(v) OVER () AS m FROM "Agg Ops".t;
