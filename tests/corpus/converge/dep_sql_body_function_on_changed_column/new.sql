create table t (id int primary key, n bigint);
create function total() returns bigint language sql begin atomic select sum(n) from t; end;
create view v as select total() as s;
