create extension if not exists pg_trgm;
create table t (a int, s text);
create index t_s_trgm on t using gin (s gin_trgm_ops);
