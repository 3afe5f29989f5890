create type pair as (a int, b int, c int);
create function sum_pair(p pair) returns int language sql immutable as $$ select (p).a + (p).b $$;
create table t (id int primary key, p pair);
create view v as select id, sum_pair(p) as s from t;
