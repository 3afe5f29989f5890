-- Index storage parameters (not modelled yet) are reported as unsupported, never silently dropped; view options and the trigger and its function are modelled.
CREATE TABLE t (a int, at timestamptz);
CREATE VIEW checked AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION;
CREATE VIEW barrier WITH (security_barrier) AS SELECT a FROM t;
CREATE INDEX t_at_brin ON t USING brin (at) WITH (pages_per_range = 16);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
