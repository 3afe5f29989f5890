-- An UNLOGGED sequence (PostgreSQL 15).
CREATE UNLOGGED SEQUENCE fast_seq;
CREATE TABLE t (id bigint DEFAULT nextval('fast_seq'));
