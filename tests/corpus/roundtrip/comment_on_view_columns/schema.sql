-- Comments on the columns of a view and of a materialized view, odd names included, in two schemas.
CREATE TABLE t (id int, code text, "Mixed Case" int);
CREATE VIEW v AS SELECT id, code, "Mixed Case" FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
COMMENT ON COLUMN v.code IS 'the code, as shown';
COMMENT ON COLUMN v."Mixed Case" IS 'ça: 1';
COMMENT ON COLUMN mv.id IS 'materialized id';
CREATE SCHEMA "Other";
CREATE VIEW "Other"."V w" AS SELECT id FROM t;
COMMENT ON COLUMN "Other"."V w".id IS 'null';
