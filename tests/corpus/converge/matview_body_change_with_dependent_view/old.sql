create table t (a int, b int);
create materialized view mv as select a from t;
create index mv_a on mv (a);
create view on_mv as select a from mv;
