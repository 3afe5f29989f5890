create type pair as (a integer, b text, gone date);
create function first_of(p pair) returns integer language sql as $$ select p.a $$;
