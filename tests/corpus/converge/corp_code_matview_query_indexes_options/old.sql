-- Materialized views: a query change with two indexes, an index comment, a column comment and a grant that must all come back (and a new index), a WITH NO DATA one left alone, storage options changed and added, one dropped with its index, a new one in a new schema with an index.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA mv;
CREATE TABLE mv.sales (id int PRIMARY KEY, region text, amount numeric);
CREATE MATERIALIZED VIEW mv.by_region AS SELECT region, sum(amount) AS total FROM mv.sales GROUP BY region;
CREATE UNIQUE INDEX by_region_pk ON mv.by_region (region);
CREATE INDEX by_region_total ON mv.by_region (total DESC);
COMMENT ON MATERIALIZED VIEW mv.by_region IS 'totals';
COMMENT ON COLUMN mv.by_region.total IS 'sum';
COMMENT ON INDEX mv.by_region_pk IS 'for concurrent refresh';
GRANT SELECT ON mv.by_region TO pgdrift_code_ro;
CREATE MATERIALIZED VIEW mv.empty_one AS SELECT id FROM mv.sales WITH NO DATA;
CREATE MATERIALIZED VIEW mv.opts WITH (fillfactor = 70) AS SELECT id, region FROM mv.sales;
CREATE MATERIALIZED VIEW mv.gone AS SELECT 1 AS one;
CREATE INDEX gone_one ON mv.gone (one);
