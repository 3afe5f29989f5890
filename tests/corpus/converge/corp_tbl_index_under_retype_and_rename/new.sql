create table t (
  id int primary key,
  v bigint,
  name varchar(60),
  at timestamptz,
  code varchar(10)
);
create index t_v_new on t (v);
create index t_name_idx_renamed on t (name);
create index t_at_partial on t (at) where at > '2020-01-01 00:00:00+00';
create index t_code_expr on t (upper(code));
create unique index t_multi on t (v, code);
