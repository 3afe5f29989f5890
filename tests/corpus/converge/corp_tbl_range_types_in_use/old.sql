-- Range types in a non-public schema: one used by a column and its multirange, one changed while unused (rebuilt), one dropped, one added, with comments.
create schema rng;
create type rng.numr as range (subtype = numeric);
create type rng.textr as range (subtype = text, collation = "C");
create type rng.gone as range (subtype = int8);
create table rng.bands (id int primary key, r rng.numr, rs rng.numr_multirange);
comment on type rng.numr is 'numbers';
insert into rng.bands values (1, '[1,2)', '{[1,2),[3,4)}');
