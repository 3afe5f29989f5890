-- Triggers: the function swapped for another, arguments changed (one holds a quote), events and FOR EACH ROW to STATEMENT changed, a trigger renamed, BEFORE to AFTER, a trigger function's body changed in place, comments on triggers kept, changed and removed.
CREATE SCHEMA tg;
CREATE TABLE tg.acct (id int PRIMARY KEY, bal numeric, note text, updated timestamptz);
CREATE FUNCTION tg.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := now(); RETURN NEW; END$$;
CREATE FUNCTION tg.stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.note := TG_ARGV[0]; RETURN NEW; END$$;
CREATE FUNCTION tg.audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TRIGGER a_touch BEFORE UPDATE ON tg.acct FOR EACH ROW EXECUTE FUNCTION tg.touch();
CREATE TRIGGER b_stamp BEFORE INSERT ON tg.acct FOR EACH ROW EXECUTE FUNCTION tg.stamp('x', 'y');
CREATE TRIGGER c_audit AFTER INSERT OR UPDATE OR DELETE ON tg.acct FOR EACH ROW EXECUTE FUNCTION tg.audit();
CREATE TRIGGER old_name AFTER DELETE ON tg.acct FOR EACH STATEMENT EXECUTE FUNCTION tg.audit();
CREATE TRIGGER d_timing BEFORE INSERT ON tg.acct FOR EACH ROW EXECUTE FUNCTION tg.audit();
COMMENT ON TRIGGER a_touch ON tg.acct IS 'keeps updated fresh';
COMMENT ON TRIGGER b_stamp ON tg.acct IS 'stamps';
COMMENT ON TRIGGER c_audit ON tg.acct IS 'audits';
