create table t (a int, gone int);
create view v as select a, gone from t;
