create table acc (id int primary key, balance numeric not null default 0, owner text);
create view acc_v as select id, balance from acc;
create function noop() returns trigger language plpgsql as $$begin return coalesce(new, old); end$$;
create function log_stmt() returns trigger language plpgsql as $$begin return null; end$$;
