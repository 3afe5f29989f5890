-- Extensions moved between schemas (ALTER EXTENSION SET SCHEMA) while a column, a domain and an index use their types and operator classes, one moved into a schema created in the same plan; an extension's function called by a view.
CREATE SCHEMA ext_a;
CREATE EXTENSION IF NOT EXISTS citext SCHEMA ext_a;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE users (id int PRIMARY KEY, email ext_a.citext, name text);
CREATE DOMAIN email_d AS ext_a.citext CHECK (VALUE LIKE '%@%');
CREATE INDEX users_name_trgm ON users USING gist (name gist_trgm_ops);
CREATE VIEW sounds AS SELECT id, soundex(name) AS s FROM users;
