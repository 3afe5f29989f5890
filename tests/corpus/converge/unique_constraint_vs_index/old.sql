create table genes (id bigint primary key, symbol text, hgnc text,
  constraint uq_genes_hgnc unique (hgnc));
create unique index genes_symbol_key on genes (symbol);
create table ev (symbol text references genes(symbol), hgnc text references genes(hgnc));
