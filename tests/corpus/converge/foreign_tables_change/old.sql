CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db');
CREATE FOREIGN TABLE "Odd ""Remote"" é" (
  id integer,
  gone text,
  mapped text OPTIONS (column_name 'm1'),
  unmapped text OPTIONS (column_name 'u'),
  "Label" text
) SERVER remote OPTIONS (table_name 'old', fetch_size '10');
CREATE FOREIGN TABLE dropped (id bigint) SERVER remote;
COMMENT ON FOREIGN TABLE dropped IS 'old';
