create table t (a int);
create materialized view v as select a from t;
