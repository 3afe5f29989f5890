create table t (id int primary key, n bigint, twice bigint generated always as (n * 2) stored);
