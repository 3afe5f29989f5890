-- Materialized views: a column name list, WITH (fillfactor, autovacuum) storage options, WITH NO DATA, a unique index for REFRESH CONCURRENTLY, a matview over a matview, comments on the matview and a column, GROUPING SETS and WITH ORDINALITY in the body.
CREATE SCHEMA "MV";
CREATE TABLE "MV".sales (region text, product text, amount numeric, tags text[]);
CREATE MATERIALIZED VIEW "MV"."Totals" ("Region", "Product", total) WITH (fillfactor = 70, autovacuum_enabled = false) AS
  SELECT region, product, sum(amount) FROM "MV".sales GROUP BY GROUPING SETS ((region, product), (region), ()) WITH NO DATA;
CREATE UNIQUE INDEX totals_key ON "MV"."Totals" ("Region", "Product") NULLS NOT DISTINCT;
CREATE MATERIALIZED VIEW "MV".tag_positions AS SELECT s.product, t.tag, t.pos FROM "MV".sales s, unnest(s.tags) WITH ORDINALITY AS t(tag, pos);
CREATE MATERIALIZED VIEW "MV".top AS SELECT "Region", total FROM "MV"."Totals" WHERE "Product" IS NULL ORDER BY total DESC LIMIT 5 WITH NO DATA;
COMMENT ON MATERIALIZED VIEW "MV"."Totals" IS 'rollup';
COMMENT ON COLUMN "MV"."Totals".total IS 'sum of amounts';
