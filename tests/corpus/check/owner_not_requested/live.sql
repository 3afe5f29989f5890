DO $$ BEGIN CREATE ROLE pgdrift_own_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Own Audit"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE t (id int);
ALTER TABLE t OWNER TO "pgdrift Own Audit";
