create type st as enum ('a', 'b');
create table t (s st);
create view v as select s from t;
