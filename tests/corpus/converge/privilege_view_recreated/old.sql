DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
create table t (id int primary key, n int);
create view v as select id, n from t;
grant select on v to pgdrift_pol_ro;
grant select on t to pgdrift_pol_ro;
