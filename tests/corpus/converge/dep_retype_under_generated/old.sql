create table t (id int primary key, n int, twice int generated always as (n * 2) stored);
insert into t (id, n) values (1, 2);
