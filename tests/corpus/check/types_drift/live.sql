CREATE SCHEMA app;
CREATE COLLATION app.bytes (provider = libc, locale = 'POSIX');
CREATE COLLATION app.extra_coll (provider = libc, locale = 'C');
CREATE DOMAIN app.email AS text CONSTRAINT email_check CHECK (VALUE ~ '.');
CREATE DOMAIN cents AS integer DEFAULT 1;
CREATE TYPE app.address AS (street text, city text, extra int);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE undeclared AS (a int);
CREATE TABLE users (id bigint PRIMARY KEY, mail app.email);
