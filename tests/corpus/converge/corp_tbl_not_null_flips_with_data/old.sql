-- NOT NULL set (rows all filled) and dropped, a NOT NULL column with a default added to a table with rows, a NOT NULL + default change on one column, a column made nullable under a PK change.
create table t (
  id int not null,
  a text,
  b int not null,
  c int,
  d text not null default 'x',
  e int
);
insert into t values (1, 'a', 1, 1, 'x', 5), (2, 'b', 2, 2, 'y', 6);
