-- A comment on a policy: the policy kind does not model it, so it is reported as unsupported (never "no drift").
CREATE SCHEMA "Pol Cmt";
CREATE TABLE "Pol Cmt"."T" (id int);
ALTER TABLE "Pol Cmt"."T" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Pol ""x""" ON "Pol Cmt"."T" USING (true);
COMMENT ON POLICY "Pol ""x""" ON "Pol Cmt"."T" IS 'policy';
