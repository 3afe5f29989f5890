create table t (id int, old_v int);
create view v as select id from t;
