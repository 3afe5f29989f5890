create table t (s varchar(10), u varchar(20));
