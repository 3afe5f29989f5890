create table t (a int, b int);
create index t_a on t (a);
comment on table t is 'old';
comment on column t.a is 'old a';
create view v as select a from t;
comment on view v is 'v';
