create function norm(t text) returns text language sql immutable as $$ select lower(trim(t)) $$;
create table items (
  id int primary key,
  price numeric(10,2),
  qty int,
  name text,
  frozen text,
  other bigint,
  total numeric generated always as (price * qty * 1.2) stored,
  name_norm text generated always as (norm(name)) stored,
  plain_then_gen int generated always as (qty + 1) stored
);
