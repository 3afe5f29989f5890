create table t (a int constraint new_chk check (a > 0));
create index new_idx on t (a);
