create table t (a varchar(3), b char(5), c varchar(30));
