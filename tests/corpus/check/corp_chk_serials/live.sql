CREATE TABLE a (id serial PRIMARY KEY, n integer);
CREATE TABLE b (id bigserial PRIMARY KEY);
CREATE TABLE c (id smallserial PRIMARY KEY);
CREATE SEQUENCE d_no_seq;
CREATE TABLE d (id integer NOT NULL DEFAULT nextval('d_no_seq'::regclass), m integer DEFAULT nextval('d_no_seq'));
CREATE TABLE e (id serial PRIMARY KEY);
