-- One routine name in public and in another schema (and a trigger function of one name in both): the public one changes its result type under a view, a policy and a trigger WHEN that call it unqualified, the other one only its body; a view calls both.
CREATE SCHEMA app;
CREATE TABLE items (id int PRIMARY KEY, qty int);
CREATE FUNCTION norm(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select abs(x)';
CREATE FUNCTION app.norm(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE VIEW both_norms AS SELECT id, norm(qty) AS a, app.norm(qty) AS b FROM items;
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY pos ON items USING (norm(qty) >= 0);
CREATE TRIGGER t1 BEFORE UPDATE ON items FOR EACH ROW WHEN (norm(NEW.qty) > 0) EXECUTE FUNCTION touch();
CREATE TRIGGER t2 BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION app.touch();
