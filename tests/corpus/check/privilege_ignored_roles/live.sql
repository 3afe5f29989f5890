DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift_rds Admin"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_rds_replica; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE users (id bigint PRIMARY KEY, mail text);
GRANT SELECT ON users TO pgdrift_pol_ro;
-- Grants a managed service added: ignored by the role rule, on tables, columns and schemas.
GRANT ALL ON users TO "pgdrift_rds Admin";
GRANT SELECT (mail) ON users TO pgdrift_rds_replica;
GRANT USAGE ON SCHEMA public TO pgdrift_rds_replica;
ALTER DEFAULT PRIVILEGES FOR ROLE "pgdrift_rds Admin" GRANT SELECT ON TABLES TO pgdrift_pol_ro;
-- Not ignored: a grant to a role the rule does not match.
GRANT INSERT ON users TO pgdrift_pol_ro;
