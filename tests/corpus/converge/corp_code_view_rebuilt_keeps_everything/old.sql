-- A view rebuilt because the column it reads is retyped keeps its options (security_barrier, LOCAL CHECK OPTION), its INSTEAD OF trigger and rule, its table and column grants and every comment, and so does a view over it.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA vk;
CREATE TABLE vk.t (id int PRIMARY KEY, amount int, note text);
CREATE FUNCTION vk.ins() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE VIEW vk.v WITH (security_barrier) AS SELECT id, amount, note FROM vk.t WHERE amount > 0 WITH LOCAL CHECK OPTION;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON vk.v FOR EACH ROW EXECUTE FUNCTION vk.ins();
CREATE RULE v_del AS ON DELETE TO vk.v DO INSTEAD DELETE FROM vk.t WHERE id = OLD.id;
GRANT SELECT, INSERT ON vk.v TO pgdrift_code_app;
GRANT UPDATE (note) ON vk.v TO pgdrift_code_ro;
COMMENT ON VIEW vk.v IS 'positive amounts';
COMMENT ON COLUMN vk.v.amount IS 'the amount';
COMMENT ON TRIGGER v_ins ON vk.v IS 'instead of insert';
COMMENT ON RULE v_del ON vk.v IS 'delete through';
CREATE VIEW vk.on_v AS SELECT id FROM vk.v;
GRANT SELECT ON vk.on_v TO PUBLIC;
