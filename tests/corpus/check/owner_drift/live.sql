DO $$ BEGIN CREATE ROLE pgdrift_own_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Own Audit"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA billing;
CREATE TABLE t (id int);
CREATE TABLE billing.audit_log (id int);
CREATE SEQUENCE s;
CREATE TYPE mood AS ENUM ('a');
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
ALTER TABLE t OWNER TO pgdrift_own_app;
ALTER VIEW v OWNER TO pgdrift_own_app;
-- Each of these differs from the declaration.
ALTER SCHEMA billing OWNER TO pgdrift_own_app;
ALTER TABLE billing.audit_log OWNER TO pgdrift_own_app;
ALTER SEQUENCE s OWNER TO "pgdrift Own Audit";
ALTER FUNCTION f(int) OWNER TO "pgdrift Own Audit";
-- mood stays with the user that ran this script.
