create type pair as (a bigint, b text collate "C", c numeric(10,2));
comment on type pair is 'two and a half';
create function first_of(p pair) returns integer language sql as $$ select p.a $$;
