create table t (a int constraint t_a_chk check (a <> 0), b text constraint t_b_chk check (length(b) < 10));
create index t_b on t (b);
comment on index t_b is 'b index';
