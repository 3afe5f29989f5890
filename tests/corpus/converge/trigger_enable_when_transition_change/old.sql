-- Triggers changed: enabled to DISABLE, to ENABLE ALWAYS and to ENABLE REPLICA, a WHEN clause changed, an UPDATE OF column list changed, a transition table added, a constraint trigger made DEFERRABLE INITIALLY DEFERRED, a TRUNCATE trigger added, an INSTEAD OF trigger on a view dropped; odd names.
CREATE SCHEMA "Trg Chg";
CREATE TABLE "Trg Chg"."Acct" (id int PRIMARY KEY, "Balance" numeric, owner text);
CREATE VIEW "Trg Chg".acct_v AS SELECT id, "Balance" FROM "Trg Chg"."Acct";
CREATE FUNCTION "Trg Chg".noop() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE FUNCTION "Trg Chg".noop_row() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER "will be off" AFTER INSERT ON "Trg Chg"."Acct" FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop();
CREATE TRIGGER always AFTER DELETE ON "Trg Chg"."Acct" FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop();
CREATE TRIGGER replica AFTER UPDATE ON "Trg Chg"."Acct" FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop();
CREATE TRIGGER "When ""Big""" BEFORE UPDATE ON "Trg Chg"."Acct" FOR EACH ROW WHEN (NEW."Balance" > 100) EXECUTE FUNCTION "Trg Chg".noop_row();
CREATE TRIGGER cols BEFORE UPDATE OF "Balance" ON "Trg Chg"."Acct" FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop_row();
CREATE TRIGGER stmt AFTER INSERT ON "Trg Chg"."Acct" FOR EACH STATEMENT EXECUTE FUNCTION "Trg Chg".noop();
CREATE CONSTRAINT TRIGGER later AFTER INSERT ON "Trg Chg"."Acct" FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop();
CREATE TRIGGER v_ins INSTEAD OF INSERT ON "Trg Chg".acct_v FOR EACH ROW EXECUTE FUNCTION "Trg Chg".noop_row();
ALTER TABLE "Trg Chg"."Acct" DISABLE TRIGGER replica;
