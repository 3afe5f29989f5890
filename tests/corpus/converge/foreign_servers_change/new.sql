CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
CREATE SERVER "Odd ""Srv"" é" FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host 'b', port '1', application_name 'it''s "q"');
COMMENT ON SERVER "Odd ""Srv"" é" IS 'new';
CREATE SERVER versioned FOREIGN DATA WRAPPER postgres_fdw;
CREATE SERVER rewrapped TYPE 'y' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'h');
CREATE SERVER "Новый" TYPE 't' VERSION '2' FOREIGN DATA WRAPPER file_fdw;
