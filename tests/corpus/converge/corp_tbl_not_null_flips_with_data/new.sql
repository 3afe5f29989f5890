create table t (
  id int primary key,
  a text not null,
  b int,
  c int not null default 0,
  d text,
  e int not null,
  f timestamptz not null default '2020-01-01 00:00:00+00',
  g int not null default 42
);
