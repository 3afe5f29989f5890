-- An UNLOGGED sequence (PostgreSQL 15), used by a default and modelled (`unlogged: true`).
CREATE UNLOGGED SEQUENCE fast_seq;
CREATE TABLE t (id bigint DEFAULT nextval('fast_seq'));
