-- Sequences with every option (AS smallint/integer/bigint, START, INCREMENT incl. negative, MINVALUE/MAXVALUE, CACHE, CYCLE, OWNED BY), odd names and other schemas, used in defaults.
CREATE SCHEMA seqs;
CREATE SEQUENCE plain_seq;
CREATE SEQUENCE small_seq AS smallint START 10 INCREMENT 5 MAXVALUE 30000 CYCLE;
CREATE SEQUENCE int_seq AS integer MINVALUE -100 MAXVALUE 100 START 0 CACHE 10;
CREATE SEQUENCE down_seq INCREMENT -2 MINVALUE -1000 MAXVALUE -1 START -1;
CREATE SEQUENCE seqs."Odd.Seq ""x""" START 1000;
CREATE TABLE owner_t (id bigint DEFAULT nextval('plain_seq'), n int DEFAULT nextval('seqs."Odd.Seq ""x"""'::regclass), m smallint);
CREATE SEQUENCE owned_seq OWNED BY owner_t.m;
ALTER TABLE owner_t ALTER COLUMN m SET DEFAULT nextval('owned_seq');
CREATE TABLE seqs.t2 (x int DEFAULT nextval('public.int_seq'));
