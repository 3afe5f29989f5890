create table t (a int, b int);
create view v as select a from t;
create materialized view mv as select a from v;
create index mv_a on mv (a);
