create table t (a int, b int, c text);
create index t_i on t (a);
