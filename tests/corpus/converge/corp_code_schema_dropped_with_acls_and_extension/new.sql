DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA kept;
CREATE SCHEMA "New ""One""";
GRANT USAGE ON SCHEMA "New ""One""" TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES IN SCHEMA "New ""One""" GRANT SELECT ON TABLES TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_app IN SCHEMA "New ""One""" GRANT EXECUTE ON FUNCTIONS TO pgdrift_code_ro;
CREATE TABLE "New ""One""".t (id int);
