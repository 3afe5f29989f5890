CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$;
CREATE FUNCTION slug(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(t)$$;
CREATE FUNCTION greet(n text) RETURNS text LANGUAGE sql AS $$SELECT 'hi ' || n$$;
COMMENT ON FUNCTION greet IS 'new words';
CREATE PROCEDURE cleanup() LANGUAGE sql AS $$DELETE FROM users WHERE name IS NULL$$;
