create function "Score"(x int) returns bigint language sql immutable as $$ select x::bigint * 2 $$;
create function next_code() returns bigint language sql as $$ select 7::bigint $$;
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
