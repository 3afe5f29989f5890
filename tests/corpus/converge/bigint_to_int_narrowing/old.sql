create table t (a bigint, b numeric(10,2));
