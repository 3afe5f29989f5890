DO $$ BEGIN CREATE ROLE pgdrift_own_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Own Audit"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift_own_rds Admin"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE t (id int);
CREATE TABLE u (id int);
CREATE TABLE w (id int);
-- The managed service's: ignored by the --ignore role rule, owner and grants.
ALTER TABLE t OWNER TO "pgdrift_own_rds Admin";
GRANT SELECT ON w TO "pgdrift_own_rds Admin";
ALTER TABLE w OWNER TO pgdrift_own_app;
-- Not ignored: an owner the rule does not match.
ALTER TABLE u OWNER TO "pgdrift Own Audit";
