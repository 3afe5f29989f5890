create table t (a int, b numeric(8,2));
