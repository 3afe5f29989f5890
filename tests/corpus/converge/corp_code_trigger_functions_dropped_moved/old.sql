-- Trigger functions: one dropped with the trigger that executes it, one moved to another schema (drop and create under the trigger), one gains an argument list in EXECUTE FUNCTION, one changes language to a plain function called by the trigger's new function; a trigger added to a table created in the same plan.
CREATE SCHEMA tf;
CREATE SCHEMA "TF Other";
CREATE TABLE tf.t (id int PRIMARY KEY, v text);
CREATE FUNCTION tf.gone() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION tf.moves() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION tf.args() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_gone BEFORE INSERT ON tf.t FOR EACH ROW EXECUTE FUNCTION tf.gone();
CREATE TRIGGER t_moves BEFORE UPDATE ON tf.t FOR EACH ROW EXECUTE FUNCTION tf.moves();
CREATE TRIGGER t_args AFTER DELETE ON tf.t FOR EACH ROW EXECUTE FUNCTION tf.args();
