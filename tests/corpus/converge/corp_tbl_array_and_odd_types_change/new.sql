create table t (
  id int primary key,
  a bigint[],
  b varchar(10)[],
  c text,
  d timetz,
  e varbit(8),
  f interval day to second,
  g numeric(10,2),
  h numeric,
  i bigint[],
  j text[]
);
