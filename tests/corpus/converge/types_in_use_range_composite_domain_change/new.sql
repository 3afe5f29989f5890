CREATE SCHEMA "Ty Chg";
CREATE TYPE "Ty Chg"."Addr" AS (street text, "Zip Code" text, "Country" char(2));
CREATE TYPE "Ty Chg".txtrange AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops, MULTIRANGE_TYPE_NAME = "Ty Chg"."Txt Multi");
CREATE DOMAIN "Ty Chg"."Score ""S""" AS int NOT NULL DEFAULT 5 CONSTRAINT "in range" CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE "Ty Chg".person (id int PRIMARY KEY, home "Ty Chg"."Addr", s "Ty Chg"."Score ""S""");
COMMENT ON COLUMN "Ty Chg"."Addr".street IS 'street and number';
COMMENT ON COLUMN "Ty Chg"."Addr"."Country" IS 'ISO 3166';
