-- Foreign servers with odd names, quoted option values, TYPE, VERSION and comments.
CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
CREATE SERVER "Odd ""Srv"" é" TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host 'db.example', port '5432', dbname 'it''s "app"');
COMMENT ON SERVER "Odd ""Srv"" é" IS 'a server''s comment';
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER "Новый" VERSION '2' FOREIGN DATA WRAPPER postgres_fdw;
