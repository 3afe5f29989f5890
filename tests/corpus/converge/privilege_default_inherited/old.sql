DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
-- Tables this role creates give SELECT to pgdrift_pol_ro and INSERT to pgdrift_pol_app.
alter default privileges in schema public grant select on tables to pgdrift_pol_ro;
alter default privileges in schema public grant insert on tables to pgdrift_pol_app;
create table t (id int primary key);
