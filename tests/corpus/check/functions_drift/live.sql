CREATE TABLE users (id bigint PRIMARY KEY, name text, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END$$;
CREATE FUNCTION slug(t text) RETURNS text LANGUAGE sql AS $$SELECT lower(t)$$;
CREATE FUNCTION slug(t text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(t) || sep$$;
CREATE FUNCTION greet(n text) RETURNS text LANGUAGE sql AS $$SELECT 'hi ' || n$$;
COMMENT ON FUNCTION greet(text) IS 'old words';
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION touch();
CREATE TRIGGER users_audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE users DISABLE TRIGGER users_audit;
