create table t (id int primary key, owner text, legacy int);
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_legacy before update of legacy on t for each row execute function tg();
alter table t enable row level security;
create policy mine on t using (owner = current_user and legacy is not null);
insert into t values (1, 'x', 2);
