-- A table and a column renamed (declared renames) under a trigger with UPDATE OF and WHEN on the column, a policy, a rule and a view; an INSTEAD OF trigger on a view the plan rebuilds (a column inserted in the middle) comes back; rows survive.
CREATE SCHEMA rn;
CREATE TABLE rn.acct (id int PRIMARY KEY, bal numeric, note text);
CREATE FUNCTION rn.tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_bal BEFORE UPDATE OF bal ON rn.acct FOR EACH ROW WHEN (NEW.bal < 0) EXECUTE FUNCTION rn.tf();
ALTER TABLE rn.acct ENABLE ROW LEVEL SECURITY;
CREATE POLICY pos ON rn.acct USING (bal >= 0);
CREATE RULE no_del AS ON DELETE TO rn.acct WHERE OLD.bal > 0 DO INSTEAD NOTHING;
CREATE VIEW rn.v AS SELECT id, bal FROM rn.acct;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON rn.v FOR EACH ROW EXECUTE FUNCTION rn.tf();
