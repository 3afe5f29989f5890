-- Foreign tables with odd names, quoted option values, collations, defaults, checks, comments,
-- and a view reading one.
CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db', dbname 'app');
CREATE SCHEMA "Ext Data";
CREATE FOREIGN TABLE "Ext Data"."Odd ""Remote"" é" (
  id bigint OPTIONS (column_name 'ID "x"') NOT NULL,
  "Label" text COLLATE "C" DEFAULT 'it''s',
  CONSTRAINT positive CHECK (id > 0)
) SERVER remote OPTIONS (schema_name 'public', table_name 'odd "t"');
COMMENT ON FOREIGN TABLE "Ext Data"."Odd ""Remote"" é" IS 'a foreign table''s comment';
COMMENT ON COLUMN "Ext Data"."Odd ""Remote"" é"."Label" IS 'label';
CREATE FOREIGN TABLE plain_remote (a integer, b text) SERVER remote;
CREATE VIEW remote_ids AS SELECT id FROM "Ext Data"."Odd ""Remote"" é";
