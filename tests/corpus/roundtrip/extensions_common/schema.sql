-- Extensions pgcrypto, citext and pg_trgm: citext columns and keys, a trigram index, defaults calling extension functions.
CREATE EXTENSION pgcrypto;
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE TABLE accounts (
    email citext PRIMARY KEY,
    name text,
    salt text DEFAULT gen_salt('bf'),
    token bytea DEFAULT gen_random_bytes(16),
    tags citext[]
);
CREATE INDEX accounts_name_trgm ON accounts USING gin (name gin_trgm_ops);
CREATE INDEX accounts_name_gist_trgm ON accounts USING gist (name gist_trgm_ops);
CREATE VIEW similar_names AS SELECT name, similarity(name, 'bob') AS s FROM accounts WHERE name % 'bob';
