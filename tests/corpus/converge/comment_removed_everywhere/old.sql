create table t (a int);
comment on table t is 'x';
comment on column t.a is 'y';
create index t_a on t (a);
comment on index t_a is 'z';
create materialized view mv as select a from t;
comment on materialized view mv is 'm';
