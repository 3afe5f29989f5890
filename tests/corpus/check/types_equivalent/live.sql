CREATE SCHEMA app;
CREATE COLLATION app.bytes (provider = libc, locale = 'C');
CREATE DOMAIN app.email AS text NOT NULL CONSTRAINT email_check CHECK (VALUE ~ '@');
CREATE DOMAIN cents AS bigint DEFAULT 0 CONSTRAINT cents_check CHECK (VALUE >= 0);
CREATE DOMAIN code AS varchar(10) COLLATE app.bytes;
CREATE TYPE app.address AS (street text, zip varchar(5), city text COLLATE "C");
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE users (
  id bigint PRIMARY KEY,
  mail app.email,
  balance cents NOT NULL,
  home app.address,
  homes app.address[],
  span floatrange,
  spans floatmultirange,
  c code
);
