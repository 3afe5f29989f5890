DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
-- The labels change order: the type is rebuilt under its name, so its grants are applied again.
CREATE TYPE mood AS ENUM ('c', 'b', 'a');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO pgdrift_pol_app;
CREATE TABLE t (id int PRIMARY KEY, m mood);
