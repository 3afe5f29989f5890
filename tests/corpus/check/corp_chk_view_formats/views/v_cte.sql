/* A CTE, lower-case keywords, a comment inside and a trailing semicolon. */
create view v_cte as
with a as (
  select id, sym from g where active  -- only active ones
)
select a.id, UPPER(a.sym) as sym
  from a;
