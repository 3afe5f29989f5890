create table t (id int primary key, "Amount" bigint);
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_n after update on t for each row when (old."Amount" is distinct from new."Amount") execute function tg();
