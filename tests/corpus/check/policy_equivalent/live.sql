DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE users (id bigint PRIMARY KEY, org bigint NOT NULL, mail text);
CREATE TABLE app.docs (id bigint PRIMARY KEY, owner bigint, body text);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE app.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON users FOR SELECT TO pgdrift_pol_app, pgdrift_pol_ro
  USING (id = current_setting('app.uid')::bigint);
CREATE POLICY "Same Org" ON users AS RESTRICTIVE USING (org = 7) WITH CHECK (org = 7);
CREATE POLICY ins ON users FOR INSERT TO pgdrift_pol_app WITH CHECK (true);
CREATE POLICY everyone ON app.docs TO public USING (owner IS NOT NULL AND body <> '');
