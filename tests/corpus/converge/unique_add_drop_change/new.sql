create table t (a int constraint t_a_key unique, b int, c int constraint t_c_key unique);
alter table t drop constraint t_a_key;
alter table t add constraint t_a_key unique (a, c);
