create table t (id bigint primary key, a text not null default '', b int, c timestamptz, e int);
create index t_a on t (a);
