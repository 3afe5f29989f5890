create table genes (id bigint constraint pk_genes primary key, symbol text, hgnc text,
  constraint genes_hgnc_key unique (hgnc),
  constraint genes_symbol_check check (length(symbol) > 0));
create index genes_symbol_idx on genes (symbol);
create table ev (gene_id bigint constraint ev_gene_fkey references genes(id),
  hgnc text constraint fk_ev_hgnc references genes(hgnc));
