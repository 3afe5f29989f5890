-- Indexes on columns whose type changes (plain, partial, expression, unique, multi-column), and indexes renamed by declaration while their column changes too.
create table t (
  id int primary key,
  v int,
  name varchar(20),
  at timestamp,
  code text
);
create index t_v_old on t (v);
create index t_name_idx on t (name);
create index t_at_partial on t (at) where at > '2020-01-01';
create index t_code_expr on t (upper(code));
create unique index t_multi on t (v, code);
insert into t values (1, 1, 'a', '2021-01-01', 'x');
