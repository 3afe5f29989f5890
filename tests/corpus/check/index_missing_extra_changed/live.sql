CREATE TABLE genes (id bigint, symbol text, data jsonb);
CREATE INDEX ix_genes_data ON genes (data);
CREATE INDEX ix_genes_lower ON genes (lower(symbol));
CREATE INDEX ix_genes_old ON genes (id);