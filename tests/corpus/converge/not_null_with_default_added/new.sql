create table t (a int, b int not null default 0);
