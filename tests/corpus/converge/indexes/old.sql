create table t (a int, b text, c int);
create index t_a on t (a);
create index t_b on t (b);
create index t_gone on t (c);
