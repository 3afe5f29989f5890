create function add(a int, b int) returns int language sql immutable as $$select a + b$$;
create function greet(n text) returns text language plpgsql as $$begin return 'hi ' || n; end$$;
