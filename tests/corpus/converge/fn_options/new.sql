create function f(a int) returns int language sql immutable strict parallel safe cost 5 as 'select a';
create function g() returns int language sql stable security definer set search_path = pg_catalog, public set work_mem = '64MB' as 'select 1';
