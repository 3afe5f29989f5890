create function "Score"(x int) returns int language sql immutable as $$ select x * 2 $$;
create function next_code() returns int language sql as $$ select 7 $$;
create table t (
  id int primary key,
  n int default next_code(),
  m int,
  constraint m_score check ("Score"(m) < 1000)
);
create index t_score on t ("Score"(n));
create view v as select id, "Score"(n) as s from t;
create view vv as select s from v;
alter table t enable row level security;
create policy small on t using ("Score"(n) < 100);
insert into t (id, n, m) values (1, 2, 3);
