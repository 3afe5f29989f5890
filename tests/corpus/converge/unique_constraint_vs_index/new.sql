create table genes (id bigint primary key, symbol text, hgnc text,
  constraint genes_symbol_key unique (symbol));
create unique index genes_hgnc_idx on genes (hgnc);
create table ev (symbol text references genes(symbol), hgnc text references genes(hgnc));
comment on constraint genes_symbol_key on genes is 'One per symbol.';
