create table t (a int constraint a_pos check (a >= 0), b int, c int constraint c_pos check (c > 0));
