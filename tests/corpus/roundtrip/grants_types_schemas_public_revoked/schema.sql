-- Grants on types, domains and schemas: USAGE revoked from PUBLIC on an enum and a domain and granted to a role, CREATE on a schema WITH GRANT OPTION, CREATE revoked from PUBLIC on public, sequence grants with SELECT only, and function EXECUTE revoked from PUBLIC with grants to two roles.
DO $$ BEGIN CREATE ROLE "Type User"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE other_user; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Gr Types";
CREATE TYPE "Gr Types".state AS ENUM ('on', 'off');
CREATE DOMAIN "Gr Types".pos AS int CHECK (VALUE > 0);
REVOKE USAGE ON TYPE "Gr Types".state FROM PUBLIC;
GRANT USAGE ON TYPE "Gr Types".state TO "Type User";
REVOKE ALL ON DOMAIN "Gr Types".pos FROM PUBLIC;
GRANT USAGE ON DOMAIN "Gr Types".pos TO "Type User" WITH GRANT OPTION;
GRANT CREATE, USAGE ON SCHEMA "Gr Types" TO other_user WITH GRANT OPTION;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SEQUENCE "Gr Types".seq;
GRANT SELECT ON SEQUENCE "Gr Types".seq TO other_user;
CREATE FUNCTION "Gr Types".f(s "Gr Types".state) RETURNS boolean LANGUAGE sql AS $$ SELECT s = 'on' $$;
REVOKE EXECUTE ON FUNCTION "Gr Types".f("Gr Types".state) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "Gr Types".f("Gr Types".state) TO "Type User", other_user;
