create table t (a int);
create view v1 as select a from t;
create view v2 as select a from v1;
