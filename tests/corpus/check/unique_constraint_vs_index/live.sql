-- The same uniqueness, enforced in the other form (one of them under the same name).
CREATE TABLE genes (id bigint, symbol text, hgnc text, code text, "Alias" text,
  CONSTRAINT uq_genes_hgnc UNIQUE (hgnc));
CREATE UNIQUE INDEX genes_symbol_key ON genes (symbol);
CREATE UNIQUE INDEX ix_genes_alias ON genes ("Alias");
-- A deferrable constraint is not what an index gives: a missing and an extra.
CREATE UNIQUE INDEX genes_code_idx ON genes (code);
