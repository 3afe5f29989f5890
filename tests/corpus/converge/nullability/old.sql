create table t (a int not null, b int);
