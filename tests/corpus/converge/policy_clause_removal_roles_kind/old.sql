-- Policies changed (pg-delta policy-clause-removal): USING removed from an UPDATE policy (only WITH CHECK stays), WITH CHECK added, roles changed, PERMISSIVE to RESTRICTIVE, the command changed, one renamed-by-drop, FORCE ROW LEVEL SECURITY turned on; odd role and policy names.
DO $$ BEGIN CREATE ROLE "Pol Reader"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pol_writer; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Pol";
CREATE TABLE "Pol"."Doc" (id int PRIMARY KEY, owner text, "Public" boolean DEFAULT false);
ALTER TABLE "Pol"."Doc" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "upd ""own""" ON "Pol"."Doc" FOR UPDATE TO pol_writer USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY ins ON "Pol"."Doc" FOR INSERT TO pol_writer WITH CHECK (true);
CREATE POLICY sel ON "Pol"."Doc" FOR SELECT TO "Pol Reader" USING ("Public");
CREATE POLICY gate ON "Pol"."Doc" USING (id > 0);
CREATE POLICY del ON "Pol"."Doc" FOR DELETE USING (owner = current_user);
CREATE POLICY old_one ON "Pol"."Doc" FOR SELECT USING (false);
