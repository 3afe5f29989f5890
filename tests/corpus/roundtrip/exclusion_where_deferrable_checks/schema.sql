-- Exclusion and check constraints: an exclusion with a WHERE predicate, DEFERRABLE INITIALLY DEFERRED, an INCLUDE column and an opclass; checks with IN lists, regexes, = ANY (ARRAY[...]), CASE and IS NOT DISTINCT FROM; a NOT VALID check; a check NO INHERIT.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA "Exc";
CREATE TABLE "Exc"."Room Booking" (id int PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL, cancelled boolean DEFAULT false, note text, kind text, code text,
  CONSTRAINT "no overlap" EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (note) WHERE (NOT cancelled) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT kind_in CHECK (kind IN ('a', 'b', 'c d')),
  CONSTRAINT code_re CHECK (code ~ '^[A-Z]{3}-\d+$'),
  CONSTRAINT kind_any CHECK (kind = ANY (ARRAY['a', 'b', 'c d', 'e'])),
  CONSTRAINT case_chk CHECK (CASE WHEN cancelled THEN note IS NOT NULL ELSE true END),
  CONSTRAINT "distinct" CHECK (note IS DISTINCT FROM 'x'));
ALTER TABLE "Exc"."Room Booking" ADD CONSTRAINT later_chk CHECK (room > 0) NOT VALID;
ALTER TABLE "Exc"."Room Booking" ADD CONSTRAINT local_only CHECK (id > 0) NO INHERIT;
