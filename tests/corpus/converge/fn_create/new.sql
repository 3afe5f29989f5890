create table users (id bigint primary key, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
comment on function touch() is 'sets updated_at';
create trigger users_touch before update on users for each row execute function touch();
comment on trigger users_touch on users is 'keeps updated_at fresh';
