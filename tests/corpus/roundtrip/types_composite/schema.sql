-- Composite types: attributes with collation, comment, nested, over a domain, in two schemas; used by columns, arrays and functions.
CREATE SCHEMA geo;
CREATE DOMAIN zip_code AS text CHECK (VALUE ~ '^[0-9]{5}$');
CREATE TYPE address AS (street text, city text COLLATE "C", zip zip_code);
COMMENT ON TYPE address IS 'A postal address';
CREATE TYPE geo.point2 AS (x double precision, y double precision);
CREATE TYPE geo.located AS (label varchar(40), at geo.point2, home address);
CREATE TYPE empty_type AS ();
CREATE TABLE people (
  id bigint PRIMARY KEY,
  home address,
  trail geo.point2[]
);
CREATE FUNCTION geo.origin() RETURNS geo.point2 LANGUAGE sql AS $$ SELECT ROW(0, 0)::geo.point2 $$;
