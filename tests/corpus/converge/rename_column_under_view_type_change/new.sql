create table t (id int, new_v bigint);
create view v as select id from t;
