create table t (id int primary key, v int);
create function calc(a int) returns int language sql as 'select a';
create function tg() returns trigger language plpgsql as $$begin return new; end$$;
create function conv(x int) returns text language sql as 'select x::text';
create trigger t_tg before insert on t for each row execute function tg();
