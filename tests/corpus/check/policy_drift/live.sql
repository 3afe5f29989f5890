DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE users (id bigint PRIMARY KEY, org bigint);
CREATE TABLE notes (id bigint PRIMARY KEY);
CREATE TABLE orgs (id bigint PRIMARY KEY);
-- users: RLS switched off by hand, still forced; `own` widened to USING (true);
-- `by_org` now for everyone; `ro` turned into a SELECT policy; `sneaky` added; `audit` dropped.
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY own ON users TO pgdrift_pol_app USING (true);
CREATE POLICY by_org ON users AS RESTRICTIVE USING (org = 1);
CREATE POLICY ro ON users FOR SELECT TO pgdrift_pol_ro USING (org > 0);
CREATE POLICY sneaky ON users USING (true);
-- notes: RLS on but not declared; orgs: declared forced, not forced here.
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
