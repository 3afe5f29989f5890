-- Rust and Go migration tools: Diesel's __diesel_schema_migrations and its diesel_manage_updated_at(regclass)/diesel_set_updated_at() helpers (the trigger created through EXECUTE format), sqlx's _sqlx_migrations, dbmate's schema_migrations(version varchar(128)), goose's goose_db_version with a serial id, uuid ids via gen_random_uuid(), timestamptz NOT NULL DEFAULT now(), a domain for emails, an updated_at trigger per table.
CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS schema_migrations (version character varying(128) NOT NULL PRIMARY KEY);
CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id));
CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                    FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION diesel_set_updated_at() RETURNS trigger AS $$
BEGIN
    IF (
        NEW IS DISTINCT FROM OLD AND
        NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
    ) THEN
        NEW.updated_at := current_timestamp;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE DOMAIN email AS TEXT CHECK (VALUE ~* '^[A-Za-z0-9._%-]+@[A-Za-z0-9.-]+[.][A-Za-z]+$');
CREATE TABLE users (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), email email NOT NULL UNIQUE, display_name VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
SELECT diesel_manage_updated_at('users');
CREATE TABLE posts (id SERIAL PRIMARY KEY, user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE, title VARCHAR NOT NULL, body TEXT NOT NULL, published BOOLEAN NOT NULL DEFAULT 'f', created_at TIMESTAMP NOT NULL DEFAULT NOW(), updated_at TIMESTAMP NOT NULL DEFAULT NOW());
SELECT diesel_manage_updated_at('posts');
CREATE INDEX posts_user_id_idx ON posts (user_id) INCLUDE (published);
CREATE TABLE IF NOT EXISTS api_tokens (token_hash BYTEA PRIMARY KEY, user_id UUID NOT NULL REFERENCES users ON DELETE CASCADE, scopes TEXT[] NOT NULL DEFAULT '{}', expires_at TIMESTAMPTZ, CHECK (cardinality(scopes) > 0));
CREATE INDEX api_tokens_live_idx ON api_tokens (user_id) WHERE expires_at IS NULL;
