create table t (a int, b int);
