-- Generated STORED columns: expression changed, generated -> plain, plain -> generated, one using an immutable function, next to an in-place retype (the rebuilt ones last, as a drop and add before PostgreSQL 17 moves them there).
create function norm(t text) returns text language sql immutable as $$ select lower(trim(t)) $$;
create table items (
  id int primary key,
  price numeric(10,2),
  qty int,
  name text,
  frozen text generated always as (name || '!') stored,
  other int,
  total numeric generated always as (price * qty) stored,
  name_norm text generated always as (lower(name)) stored,
  plain_then_gen int
);
insert into items (id, price, qty, name, plain_then_gen, other) values (1, 2.50, 4, ' Foo ', 3, 1);
