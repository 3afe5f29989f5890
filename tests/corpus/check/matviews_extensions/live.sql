CREATE EXTENSION citext;
CREATE TABLE genes (id bigint, score numeric);
CREATE MATERIALIZED VIEW gene_rank AS SELECT id, rank() OVER (ORDER BY score DESC) AS rnk FROM genes;
CREATE UNIQUE INDEX gene_rank_id ON gene_rank (id);
CREATE INDEX gene_rank_old ON gene_rank (rnk DESC);
CREATE VIEW top_genes AS SELECT id FROM gene_rank WHERE rnk <= 10;
CREATE MATERIALIZED VIEW stale_copy AS SELECT id FROM genes;
