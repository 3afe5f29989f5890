create table t (a int);
create index t_a on t (a);
create materialized view mv as select a from t;
