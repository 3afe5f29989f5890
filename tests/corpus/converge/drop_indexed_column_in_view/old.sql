create table t (a int, b int);
create index t_b on t (b);
create view v as select a, b from t;
