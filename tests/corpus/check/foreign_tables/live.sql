CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db', dbname 'app');
CREATE FOREIGN TABLE "Odd ""Remote"" é" (
  id bigint OPTIONS (column_name 'ID ''x''') NOT NULL,
  "Label" text COLLATE "C" DEFAULT 'it''s',
  CONSTRAINT positive CHECK (id > 0)
) SERVER remote OPTIONS (schema_name 'public', table_name 'odd "t"');
COMMENT ON FOREIGN TABLE "Odd ""Remote"" é" IS 'same';
CREATE FOREIGN TABLE options_changed (id bigint) SERVER remote OPTIONS (table_name 'a', fetch_size '10');
CREATE FOREIGN TABLE column_added (id bigint) SERVER remote;
CREATE FOREIGN TABLE column_options_changed (id bigint OPTIONS (column_name 'a')) SERVER remote;
CREATE FOREIGN TABLE comment_added (id bigint) SERVER remote;
CREATE FOREIGN TABLE extra_one (id bigint) SERVER remote;
CREATE TABLE now_plain (id bigint);
