create table t (a int constraint t_a_key unique, b int constraint t_b_key unique, c int);
