-- Default privileges: a per-schema table grant widened with grant option, a per-schema sequence entry removed, global function defaults losing PUBLIC EXECUTE, a global type revoke undone, an odd schema and an odd role, schemas and routines entries added (an owner revoking from itself by default is an unsupported finding: roundtrip/corp_code_owner_self_revokes).
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA dp;
CREATE SCHEMA "Dp Odd";
ALTER DEFAULT PRIVILEGES IN SCHEMA dp GRANT SELECT ON TABLES TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_app IN SCHEMA dp GRANT USAGE ON SEQUENCES TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_app GRANT EXECUTE ON FUNCTIONS TO pgdrift_code_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_code_app REVOKE USAGE ON TYPES FROM PUBLIC;
