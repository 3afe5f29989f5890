create table t (s varchar(100), u text);
