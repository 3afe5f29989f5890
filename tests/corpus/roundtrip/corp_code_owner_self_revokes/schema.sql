-- An owner revoking privileges from itself (on a table, a sequence, a function, a type, a schema, and in a role's global default privileges): the model leaves owners' own entries out, so each is an unsupported finding, never "no drift".
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Self Rev";
CREATE TABLE "Self Rev".t (id int);
CREATE SEQUENCE "Self Rev".s;
CREATE FUNCTION "Self Rev".f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE TYPE "Self Rev".e AS ENUM ('x');
REVOKE DELETE, TRUNCATE ON "Self Rev".t FROM CURRENT_USER;
REVOKE UPDATE ON SEQUENCE "Self Rev".s FROM CURRENT_USER;
REVOKE EXECUTE ON FUNCTION "Self Rev".f(int) FROM CURRENT_USER;
REVOKE USAGE ON TYPE "Self Rev".e FROM CURRENT_USER;
REVOKE CREATE ON SCHEMA "Self Rev" FROM CURRENT_USER;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_ro REVOKE DELETE ON TABLES FROM pgdrift_code_ro;
