-- Names swapped between objects of one table: two indexes, two checks and two uniques trade names (dropped and created, never colliding), next to a declared column rename.
create table t (
  id int primary key,
  a int, b int, c text, d text,
  constraint chk_one check (a > 0),
  constraint chk_two check (b > 0),
  constraint uq_one unique (c),
  constraint uq_two unique (d)
);
create index ix_one on t (a);
create index ix_two on t (b);
insert into t values (1, 10, 20, 'c', 'd');
