create table t (a int default 1);
