DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
alter default privileges in schema public grant select on tables to pgdrift_pol_ro;
alter default privileges in schema public grant insert on tables to pgdrift_pol_app;
create table t (id int primary key);
-- A new table that must not keep what the defaults give it, and a new view that keeps some.
-- (Grants in role-name order: pg_dump prints ACL entries in the order they were made.)
create table secrets (id int primary key, value text);
revoke select on secrets from pgdrift_pol_ro;
create view v as select id from t;
revoke insert on v from pgdrift_pol_app;
grant update on v to pgdrift_pol_ro;
