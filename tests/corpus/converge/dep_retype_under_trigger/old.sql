create table t (id int primary key, n int);
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_n before update of n on t for each row when (new.n > 0) execute function tg();
alter table t enable row level security;
create policy p on t using (n > 0);
insert into t (id, n) values (1, 2);
