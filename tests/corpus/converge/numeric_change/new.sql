create table t (a numeric(12,2), b double precision, c integer);
