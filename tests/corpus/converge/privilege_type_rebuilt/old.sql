DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TYPE mood AS ENUM ('a', 'b', 'c');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO pgdrift_pol_app;
CREATE TABLE t (id int PRIMARY KEY, m mood);
