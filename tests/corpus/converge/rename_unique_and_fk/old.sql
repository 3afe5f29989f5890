create table genes (id bigint constraint pk_genes primary key, symbol text, hgnc text,
  constraint uq_genes_hgnc unique (hgnc),
  constraint ck_symbol check (length(symbol) > 0));
create index ix_genes_symbol on genes (symbol);
create table ev (gene_id bigint constraint fk_ev_gene references genes(id),
  hgnc text constraint fk_ev_hgnc references genes(hgnc));
