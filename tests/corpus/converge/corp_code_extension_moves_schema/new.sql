CREATE SCHEMA ext_a;
CREATE SCHEMA "Ext B";
CREATE EXTENSION IF NOT EXISTS citext SCHEMA "Ext B";
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ext_a;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE users (id int PRIMARY KEY, email "Ext B".citext, name text);
CREATE DOMAIN email_d AS "Ext B".citext CHECK (VALUE LIKE '%@%');
CREATE INDEX users_name_trgm ON users USING gist (name ext_a.gist_trgm_ops);
CREATE VIEW sounds AS SELECT id, soundex(name) AS s FROM users;
