create sequence code_seq;
create function next_code() returns text language sql as $$select 'C' || nextval('code_seq')$$;
create function twice(x int) returns int language sql immutable as 'select x * 2';
create table orders (
  id int primary key,
  code text not null default next_code(),
  doubled int generated always as (twice(id)) stored,
  check (twice(id) > 0)
);
create index orders_twice on orders (twice(id));
