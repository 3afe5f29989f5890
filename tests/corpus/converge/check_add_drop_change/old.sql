create table t (a int constraint a_pos check (a > 0), b int constraint b_pos check (b > 0));
