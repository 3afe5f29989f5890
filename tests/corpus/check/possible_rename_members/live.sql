-- The same objects under the names an older migration chain gave them.
CREATE TABLE genes (id bigint PRIMARY KEY, symbol text, hgnc text,
  CONSTRAINT uq_genes_hgnc UNIQUE (hgnc),
  CONSTRAINT ck_symbol CHECK (length(symbol) > 0));
CREATE INDEX ix_genes_symbol ON genes (symbol);
CREATE INDEX ix_genes_lower ON genes (lower(symbol)) WHERE id > 0;
-- Another definition (other column order): not a rename.
CREATE INDEX ix_genes_symbol_hgnc ON genes (symbol, hgnc);
CREATE TABLE ev (gene_id bigint CONSTRAINT fk_ev_gene REFERENCES genes(id));
