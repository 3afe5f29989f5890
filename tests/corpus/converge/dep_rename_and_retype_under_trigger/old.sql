create table t (id int primary key, n int);
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_n after update on t for each row when (old.n is distinct from new.n) execute function tg();
insert into t values (1, 2);
