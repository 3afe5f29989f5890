create table t (n int);
create aggregate total(int) (sfunc = int4pl, stype = int, initcond = '0');
