-- Return types change (int to bigint, text to varchar) and a parameter is renamed, so the functions are dropped and created again while a column DEFAULT, a CHECK, an expression index, a view, a policy and a trigger WHEN call them; the rows survive.
CREATE SCHEMA "Rt Dep";
CREATE FUNCTION "Rt Dep".next_code() RETURNS int LANGUAGE sql AS 'select 7';
CREATE FUNCTION "Rt Dep".ok(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'select v >= 0';
CREATE FUNCTION "Rt Dep".norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select lower(s)';
CREATE FUNCTION "Rt Dep".trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE "Rt Dep".items (id int PRIMARY KEY, code int DEFAULT "Rt Dep".next_code(), qty int CONSTRAINT qty_ok CHECK ("Rt Dep".ok(qty)), name text);
CREATE INDEX items_norm ON "Rt Dep".items ("Rt Dep".norm(name));
CREATE VIEW "Rt Dep".v AS SELECT id, "Rt Dep".norm(name) AS n, "Rt Dep".next_code() AS c FROM "Rt Dep".items;
ALTER TABLE "Rt Dep".items ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON "Rt Dep".items USING ("Rt Dep".ok(qty));
CREATE TRIGGER t_ok BEFORE UPDATE ON "Rt Dep".items FOR EACH ROW WHEN ("Rt Dep".ok(NEW.qty)) EXECUTE FUNCTION "Rt Dep".trg();
