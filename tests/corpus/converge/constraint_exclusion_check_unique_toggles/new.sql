CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA "Con Chg";
CREATE TABLE "Con Chg"."Slot" (id int CONSTRAINT "Slot PK" PRIMARY KEY DEFERRABLE INITIALLY DEFERRED, room int, during tsrange, gone boolean DEFAULT false, code text, note text,
  CONSTRAINT "no overlap" EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT gone) DEFERRABLE,
  CONSTRAINT code_len CHECK (length(code) BETWEEN 2 AND 12),
  CONSTRAINT "Code Unique" UNIQUE NULLS NOT DISTINCT (code) INCLUDE (note),
  CONSTRAINT room_pos CHECK (room > 0));
