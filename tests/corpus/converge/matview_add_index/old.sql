create table t (id int);
create materialized view mv as select id from t;
