create table t (a int, b int);
create view v as select a, b from t;
create view w as select a from v;
