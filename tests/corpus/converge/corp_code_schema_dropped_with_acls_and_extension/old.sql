-- A schema dropped with its grants, its per-schema default privileges (two roles) and a table whose column uses an extension type, the extension dropped with its own schema; a new schema gets the same default privileges; a kept schema loses its default privileges.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA gone;
CREATE SCHEMA ext_home;
CREATE EXTENSION IF NOT EXISTS hstore SCHEMA ext_home;
CREATE TABLE gone.t (id int, h ext_home.hstore);
GRANT USAGE ON SCHEMA gone TO pgdrift_code_ro;
GRANT SELECT ON gone.t TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES IN SCHEMA gone GRANT SELECT ON TABLES TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_app IN SCHEMA gone GRANT EXECUTE ON FUNCTIONS TO pgdrift_code_ro;
CREATE SCHEMA kept;
ALTER DEFAULT PRIVILEGES IN SCHEMA kept GRANT SELECT ON TABLES TO pgdrift_code_app;
