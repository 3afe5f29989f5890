create table t (a int, b text, c int);
create index t_a on t (a desc);
create index t_b on t (lower(b)) where c > 0;
create unique index t_c on t (c) include (a);
create index t_hash on t using hash (b);
comment on index t_c is 'unique c';
