DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE users (id bigint PRIMARY KEY, mail text);
CREATE TABLE app.orders (id bigint PRIMARY KEY);
CREATE VIEW app.totals AS SELECT id FROM app.orders;
-- users: INSERT granted by hand, grant option missing; mail: UPDATE revoked, SELECT added.
GRANT SELECT, INSERT ON users TO pgdrift_pol_ro;
GRANT SELECT (mail) ON users TO pgdrift_pol_app;
-- orders: everything as declared. The public schema lost PUBLIC's USAGE; app gained CREATE.
GRANT SELECT ON app.orders TO pgdrift_pol_ro;
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA app TO pgdrift_pol_ro;
-- the view: granted to PUBLIC. Default privileges: one differs, one undeclared.
GRANT SELECT ON app.totals TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_pol_app IN SCHEMA app GRANT SELECT, DELETE ON TABLES TO pgdrift_pol_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_pol_ro REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
