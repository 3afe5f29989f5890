-- Schemas: one dropped with a table, view, function, enum and sequence in it while a new one (a rename without a renames entry) gets the same objects, a kept schema's comment changed and a function added to it, an empty schema dropped, and schemas named "select", with a dot and non-ASCII created.
CREATE SCHEMA "Old Sch";
CREATE TYPE "Old Sch".e AS ENUM ('x');
CREATE SEQUENCE "Old Sch".s;
CREATE TABLE "Old Sch".t (id int PRIMARY KEY DEFAULT nextval('"Old Sch".s'), k "Old Sch".e);
CREATE VIEW "Old Sch".v AS SELECT id FROM "Old Sch".t;
CREATE FUNCTION "Old Sch".f() RETURNS int LANGUAGE sql AS 'select 1';
CREATE SCHEMA keep;
COMMENT ON SCHEMA keep IS 'kept';
CREATE TABLE keep.ref (id int);
CREATE SCHEMA empty_one;
COMMENT ON SCHEMA empty_one IS 'empty';
