create table t (a int, b int, c text);
create index t_i on t using brin (a);
create index t_cov on t (a) include (b, c);
