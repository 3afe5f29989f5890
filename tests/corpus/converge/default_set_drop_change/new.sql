create table t (a int default 5, b int, c text default 'y');
