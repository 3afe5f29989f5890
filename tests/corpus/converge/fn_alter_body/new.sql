create function add(a int, b int) returns int language sql immutable as $$select a + b + 0$$;
create function greet(n text) returns text language plpgsql as $$begin return 'hello ' || n; end$$;
comment on function greet(text) is 'now says hello';
