-- Constraints changed: an exclusion constraint made DEFERRABLE and given a WHERE predicate, a check expression changed, a NOT VALID check declared valid, a unique key switched to NULLS NOT DISTINCT, a primary key made DEFERRABLE INITIALLY DEFERRED, a unique key gaining an INCLUDE column; odd names.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA "Con Chg";
CREATE TABLE "Con Chg"."Slot" (id int CONSTRAINT "Slot PK" PRIMARY KEY, room int, during tsrange, gone boolean DEFAULT false, code text, note text,
  CONSTRAINT "no overlap" EXCLUDE USING gist (room WITH =, during WITH &&),
  CONSTRAINT code_len CHECK (length(code) < 10),
  CONSTRAINT "Code Unique" UNIQUE (code));
ALTER TABLE "Con Chg"."Slot" ADD CONSTRAINT room_pos CHECK (room > 0) NOT VALID;
