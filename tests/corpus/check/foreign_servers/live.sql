CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
CREATE SERVER same FOREIGN DATA WRAPPER postgres_fdw OPTIONS (port '5432', host 'db.example');
CREATE SERVER "Odd ""Srv"" é" TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (dbname 'it''s "app"');
COMMENT ON SERVER "Odd ""Srv"" é" IS 'same';
CREATE SERVER options_changed FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'a', port '1');
CREATE SERVER version_changed VERSION '14' FOREIGN DATA WRAPPER postgres_fdw;
CREATE SERVER wrapper_changed FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER comment_added FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER extra_one FOREIGN DATA WRAPPER file_fdw;
