create table t (a int, b int);
create index t_a on t (a);
comment on table t is 'new';
comment on column t.b is 'b';
comment on index t_a is 'idx';
create view v as select a from t;
