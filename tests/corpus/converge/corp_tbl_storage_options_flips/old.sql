-- Storage-level attributes flipped together (15+): sequences made UNLOGGED and back (one used by a default), TOAST options set and reset, a table's fillfactor and autovacuum options, a column's statistics target and n_distinct.
create sequence s_logged;
create unlogged sequence s_unlogged;
create table t (id int primary key, body text, n int default nextval('s_unlogged')) with (fillfactor = 80, toast.autovacuum_enabled = false);
alter table t alter column n set statistics 200;
