create table t (a int, b int default 1, c text default 'x');
