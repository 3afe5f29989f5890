-- User types changed while in use (pg-delta composite-attribute-order, range-type-options): a composite used by a column gains and loses attributes, a range gets a SUBTYPE_OPCLASS and MULTIRANGE_TYPE_NAME (recreated, unused), attribute comments are changed, added and removed, a new range whose SUBTYPE_DIFF is a new user function is created with a table using it, a domain with odd names gets a NOT NULL, a new default and a changed check.
CREATE SCHEMA "Ty Chg";
CREATE TYPE "Ty Chg"."Addr" AS (street text, "Zip Code" text, old_field int);
CREATE TYPE "Ty Chg".txtrange AS RANGE (SUBTYPE = text);
CREATE DOMAIN "Ty Chg"."Score ""S""" AS int CONSTRAINT "in range" CHECK (VALUE BETWEEN 0 AND 10);
CREATE TABLE "Ty Chg".person (id int PRIMARY KEY, home "Ty Chg"."Addr", s "Ty Chg"."Score ""S""");
COMMENT ON COLUMN "Ty Chg"."Addr".street IS 'the street';
COMMENT ON COLUMN "Ty Chg"."Addr"."Zip Code" IS 'postal';
