create table t (
  id int primary key,
  a_new int, b int, c text, d text,
  constraint chk_two check (a_new > 0),
  constraint chk_one check (b > 0),
  constraint uq_two unique (c),
  constraint uq_one unique (d)
);
create index ix_two on t (a_new);
create index ix_one on t (b);
