DO $$ BEGIN CREATE ROLE pgdrift_bad_nocreatedb LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
create table t (id bigint primary key, name text);
grant select on all tables in schema public to pgdrift_bad_nocreatedb;
