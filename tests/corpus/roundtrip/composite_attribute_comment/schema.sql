-- A comment on a composite type's attribute (COMMENT ON COLUMN type.attribute), with odd names.
CREATE SCHEMA "Comp C";
CREATE TYPE "Comp C"."Line" AS ("Product Name" text, amount numeric);
COMMENT ON COLUMN "Comp C"."Line"."Product Name" IS 'as printed';
COMMENT ON TYPE "Comp C"."Line" IS 'one line';
CREATE TYPE "Comp C".bare AS (a int, "b c" text);
COMMENT ON COLUMN "Comp C".bare."b c" IS 'only this one';
