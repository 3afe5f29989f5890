-- Enums: labels with spaces, quotes, capitals, emoji, an empty-string label and backslashes, values added BEFORE/AFTER, an enum array column with a default, an enum in a partition key, a function over the enum.
CREATE SCHEMA "Enum Ops";
CREATE TYPE "Enum Ops"."Mood" AS ENUM ('sad', 'O''Brien', 'Ünïcode ✓', '', 'a\b', 'UPPER case');
ALTER TYPE "Enum Ops"."Mood" ADD VALUE 'first' BEFORE 'sad';
ALTER TYPE "Enum Ops"."Mood" ADD VALUE 'mid "quoted"' AFTER 'O''Brien';
ALTER TYPE "Enum Ops"."Mood" ADD VALUE '🙂';
CREATE TABLE "Enum Ops".diary (id int, mood "Enum Ops"."Mood" NOT NULL DEFAULT 'O''Brien', moods "Enum Ops"."Mood"[] DEFAULT '{sad,"Ünïcode ✓"}') PARTITION BY LIST (mood);
CREATE TABLE "Enum Ops".diary_sad PARTITION OF "Enum Ops".diary FOR VALUES IN ('sad', '');
CREATE TABLE "Enum Ops".diary_other PARTITION OF "Enum Ops".diary DEFAULT;
CREATE FUNCTION "Enum Ops".is_happy(m "Enum Ops"."Mood") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT m IN ('sad', 'UPPER case') $$;
COMMENT ON TYPE "Enum Ops"."Mood" IS 'how it went';
