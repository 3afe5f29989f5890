create table t (a int constraint a_pos check (a > 0), b int default 0);
create index t_a on t (a);
create unique index t_ab on t (a, b);
