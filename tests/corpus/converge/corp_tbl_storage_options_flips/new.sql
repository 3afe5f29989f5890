create unlogged sequence s_logged;
create sequence s_unlogged;
create table t (id int primary key, body text, n int default nextval('s_unlogged')) with (autovacuum_enabled = false, toast.autovacuum_vacuum_scale_factor = 0.1);
alter table t alter column n set (n_distinct = -0.5);
