create table t (a int constraint old_chk check (a > 0));
create index old_idx on t (a);
