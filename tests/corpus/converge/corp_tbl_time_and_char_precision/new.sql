create table m (
  id int primary key,
  a timestamp(6),
  b timestamptz,
  c time,
  d interval,
  e varchar(5),
  f numeric(10,2),
  g text,
  h varchar(2)[],
  constraint g_nonempty check (g <> '')
);
create index m_g on m (g);
