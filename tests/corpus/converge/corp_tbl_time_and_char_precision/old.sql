-- Precision and length changes on time, character and numeric types, with data: timestamp(3) -> timestamp(6), timestamptz(0) -> timestamptz, time(2) -> time, interval second(3), char(5) -> varchar(5), numeric -> numeric(10,2), varchar -> text under an index and a check, bpchar comparisons.
create table m (
  id int primary key,
  a timestamp(3),
  b timestamptz(0),
  c time(2),
  d interval second(3),
  e char(5),
  f numeric,
  g varchar(20),
  h char(2)[],
  constraint g_nonempty check (g <> '')
);
create index m_g on m (g);
insert into m values (1, '2020-01-01 01:02:03.123', '2020-01-01 01:02:03+00', '10:11:12.34', '1.234 seconds', 'ab', 1.235, 'gee', '{xy}');
