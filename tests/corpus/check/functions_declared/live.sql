CREATE TABLE users (id bigint PRIMARY KEY, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$;
CREATE FUNCTION "Add Up"(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + b;
CREATE FUNCTION "Add Up"(a bigint) RETURNS bigint LANGUAGE sql AS 'SELECT a';
CREATE PROCEDURE archive(INOUT n integer) LANGUAGE plpgsql AS $$BEGIN n := n + 1; END$$;
CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER "Audit Me" AFTER INSERT ON users FOR EACH STATEMENT EXECUTE FUNCTION touch();
ALTER TABLE users DISABLE TRIGGER "Audit Me";
