CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db');
CREATE FOREIGN TABLE "Odd ""Remote"" é" (
  id bigint NOT NULL,
  mapped text OPTIONS (column_name 'm2'),
  unmapped text,
  "Label" text COLLATE "C" DEFAULT 'it''s',
  added date OPTIONS (column_name 'Added ''d'''),
  CONSTRAINT positive CHECK (id > 0)
) SERVER remote OPTIONS (table_name 'it''s "new"', schema_name 'app');
COMMENT ON FOREIGN TABLE "Odd ""Remote"" é" IS 'new';
CREATE FOREIGN TABLE "Новая" (id bigint, v text) SERVER remote OPTIONS (table_name 'n');
COMMENT ON FOREIGN TABLE "Новая" IS 'created';
