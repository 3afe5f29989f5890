create table gv (a int not null, b int,
  new_expr int generated always as (a + 1) virtual,
  to_virtual int generated always as (a * 2) stored,
  to_stored int generated always as (a * 3) virtual,
  to_plain int generated always as (a - 1) virtual);
