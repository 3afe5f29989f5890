-- Range types (pg-delta range-type-options): a non-default SUBTYPE_OPCLASS, a COLLATION, a built-in SUBTYPE_DIFF, a custom MULTIRANGE_TYPE_NAME with odd spelling, and columns, an exclusion constraint and a function using them.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA "Ranges";
CREATE TYPE "Ranges".textrange_c AS RANGE (SUBTYPE = text, COLLATION = "C", SUBTYPE_OPCLASS = text_pattern_ops, MULTIRANGE_TYPE_NAME = "Ranges"."Text Multi ""Range""");
CREATE TYPE "Ranges"."Float Range" AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE TYPE "Ranges".daterange2 AS RANGE (SUBTYPE = date, MULTIRANGE_TYPE_NAME = "Ranges".dates_multi);
CREATE TABLE "Ranges"."Booking" (id int PRIMARY KEY, room text, span "Ranges"."Float Range", names "Ranges".textrange_c, many "Ranges"."Text Multi ""Range""", days "Ranges".dates_multi DEFAULT '{}',
  EXCLUDE USING gist (room WITH =, span WITH &&));
CREATE FUNCTION "Ranges".width(r "Ranges"."Float Range") RETURNS float8 LANGUAGE sql IMMUTABLE AS 'select upper(r) - lower(r)';
COMMENT ON TYPE "Ranges"."Float Range" IS 'float span';
