create type lvl as enum ('low', 'mid', 'high');
create function pick(l lvl default 'mid') returns text language sql immutable as $$ select l::text $$;
create table t (id int primary key, l lvl);
create view v as select id, pick(l) as p from t;
