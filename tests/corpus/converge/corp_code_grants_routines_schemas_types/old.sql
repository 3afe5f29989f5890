-- Grants on routines, schemas and types: schema USAGE and CREATE with grant option and to PUBLIC, EXECUTE revoked from PUBLIC on a function and an aggregate and given back on a procedure, USAGE on an enum revoked from PUBLIC and given to a role, USAGE on a domain with grant option, CREATE on the public schema.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA gx;
CREATE FUNCTION gx.f(int) RETURNS int LANGUAGE sql AS 'select $1';
CREATE PROCEDURE gx.p() LANGUAGE sql AS 'select 1';
CREATE TYPE gx.mood AS ENUM ('a');
CREATE DOMAIN gx.pos AS int CHECK (VALUE > 0);
CREATE AGGREGATE gx.agg(int) (SFUNC = int4pl, STYPE = int);
GRANT USAGE ON SCHEMA gx TO pgdrift_code_ro;
GRANT EXECUTE ON FUNCTION gx.f(int) TO pgdrift_code_app;
REVOKE EXECUTE ON PROCEDURE gx.p() FROM PUBLIC;
