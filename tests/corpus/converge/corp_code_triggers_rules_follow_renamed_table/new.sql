CREATE SCHEMA rn;
CREATE TABLE rn."Account" (id int PRIMARY KEY, "Balance" numeric, note text);
CREATE FUNCTION rn.tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_bal BEFORE UPDATE OF "Balance" ON rn."Account" FOR EACH ROW WHEN (NEW."Balance" < 0) EXECUTE FUNCTION rn.tf();
ALTER TABLE rn."Account" ENABLE ROW LEVEL SECURITY;
CREATE POLICY pos ON rn."Account" USING ("Balance" >= 0);
CREATE RULE no_del AS ON DELETE TO rn."Account" WHERE OLD."Balance" > 0 DO INSTEAD NOTHING;
CREATE VIEW rn.v AS SELECT id, note, "Balance" AS bal FROM rn."Account";
CREATE TRIGGER v_ins INSTEAD OF INSERT ON rn.v FOR EACH ROW EXECUTE FUNCTION rn.tf();
