create schema rng;
create type rng.numr as range (subtype = numeric);
create type rng.textr as range (subtype = text, collation = "POSIX");
create type rng.fresh as range (subtype = date, multirange_type_name = rng.fresh_multi);
create table rng.bands (id int primary key, r rng.numr, rs rng.numr_multirange, f rng.fresh);
comment on type rng.numr is 'numeric bands';
comment on type rng.textr is 'text bands';
