DO $$ BEGIN CREATE ROLE pgdrift_bad_nocreatedb LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
create table t (id bigint primary key, name text);
