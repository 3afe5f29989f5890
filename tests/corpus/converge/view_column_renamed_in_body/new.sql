create table t (a int, b int);
create view v as select a as y from t;
