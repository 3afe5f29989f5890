-- A partitioned table's row trigger (cloned onto every partition) gets a new WHEN and column list, a statement trigger is added on it, its policy changes roles and USING, RLS is forced, a partition gets its own RLS and policy, and a new partition is created that must receive the clones.
DO $$ BEGIN CREATE ROLE "Part Role"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "PTrg";
CREATE TABLE "PTrg"."Log" (at date NOT NULL, lvl int, msg text) PARTITION BY RANGE (at);
CREATE TABLE "PTrg".log_2024 PARTITION OF "PTrg"."Log" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FUNCTION "PTrg".touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER "Row ✓" BEFORE UPDATE OF lvl ON "PTrg"."Log" FOR EACH ROW WHEN (NEW.lvl > 1) EXECUTE FUNCTION "PTrg".touch();
ALTER TABLE "PTrg"."Log" ENABLE ROW LEVEL SECURITY;
CREATE POLICY readers ON "PTrg"."Log" FOR SELECT USING (lvl < 5);
