CREATE SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS citext SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE t (id int PRIMARY KEY, name text, email ext.citext UNIQUE, salt text DEFAULT gen_salt('bf'));
CREATE INDEX t_name_trgm ON t USING gin (name gin_trgm_ops);
COMMENT ON EXTENSION citext IS 'case-insensitive text';
COMMENT ON EXTENSION pg_trgm IS 'trigrams';
