create table t (id int primary key, v int);
create function calc(a int) returns bigint language sql as 'select a::bigint';
create function tg() returns trigger language plpgsql security definer as $$begin return new; end$$;
create function conv(y int) returns text language sql as 'select y::text';
create trigger t_tg before insert on t for each row execute function tg();
