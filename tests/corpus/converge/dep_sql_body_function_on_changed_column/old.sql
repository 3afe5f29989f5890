create table t (id int primary key, n int);
create function total() returns bigint language sql begin atomic select sum(n) from t; end;
create view v as select total() as s;
insert into t values (1, 2);
