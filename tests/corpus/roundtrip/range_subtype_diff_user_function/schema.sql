-- A range type whose SUBTYPE_DIFF is a user function (pg-delta range-type-options): the function must exist before the range, and a function taking the range comes after it.
CREATE SCHEMA "Ranges Diff";
CREATE FUNCTION "Ranges Diff"."Time Diff"(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS 'select extract(epoch from (a - b))';
CREATE TYPE "Ranges Diff".timerange AS RANGE (SUBTYPE = time, SUBTYPE_DIFF = "Ranges Diff"."Time Diff");
CREATE FUNCTION "Ranges Diff".hours(r "Ranges Diff".timerange) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'select "Ranges Diff"."Time Diff"(upper(r), lower(r)) / 3600';
CREATE TABLE "Ranges Diff".shifts (id int PRIMARY KEY, span "Ranges Diff".timerange, many "Ranges Diff".timemultirange);
