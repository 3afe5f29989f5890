DO $$ BEGIN CREATE ROLE pgdrift_own_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Own Audit"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA billing;
CREATE TABLE t (id int);
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE TYPE mood AS ENUM ('a');
ALTER TABLE t OWNER TO pgdrift_own_app;
-- Same owner as declared, but the plan drops and recreates the view (its column's type
-- changes): it must get its owner back.
ALTER VIEW v OWNER TO pgdrift_own_app;
