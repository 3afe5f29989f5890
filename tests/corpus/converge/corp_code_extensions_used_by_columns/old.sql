-- Extensions: hstore dropped with the column and index that use it, citext added in its own schema and used by a unique column, pg_trgm added with a trigram GIN index, pgcrypto added and called by a column default, comments on extensions added.
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE t (id int PRIMARY KEY, name text, attrs hstore);
CREATE INDEX t_attrs ON t USING gist (attrs);
