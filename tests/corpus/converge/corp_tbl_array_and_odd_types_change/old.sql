-- Array, bit, char, time, interval, money-free numeric and varchar-array types changed in place (casts exist), with data: int[] -> bigint[], text[] -> varchar(10)[], char(3) -> text, time -> timetz, bit(4) -> varbit, interval field restricted, int2 -> numeric, float -> numeric.
create table t (
  id int primary key,
  a int[],
  b text[],
  c char(3),
  d time,
  e bit(4),
  f interval,
  g smallint,
  h float8,
  i int[][],
  j varchar(5)[]
);
insert into t values (1, '{1,2}', '{x,y}', 'ab', '10:00', B'1010', '1 day 2 hours', 7, 1.5, '{{1,2},{3,4}}', '{abc}');
