DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
create table t (id int primary key, a text, b text);
grant select, update on t to pgdrift_pol_ro;
grant select (a), update (b) on t to pgdrift_pol_ro;
