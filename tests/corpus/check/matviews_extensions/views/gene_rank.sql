CREATE MATERIALIZED VIEW gene_rank AS
  SELECT id, rank() OVER (ORDER BY score DESC) AS rnk FROM genes;
CREATE UNIQUE INDEX gene_rank_id ON gene_rank (id);
CREATE INDEX gene_rank_rnk ON gene_rank (rnk);
