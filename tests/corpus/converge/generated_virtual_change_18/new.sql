create table gv (a int not null, b int,
  new_expr int generated always as (a + coalesce(b, 0)) virtual,
  to_virtual int generated always as (a * 2) virtual,
  to_stored int generated always as (a * 3) stored,
  to_plain int,
  added int generated always as (a * a));
