CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
CREATE SERVER "Odd ""Srv"" é" FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'a', port '1', dbname 'gone');
CREATE SERVER versioned VERSION '14' FOREIGN DATA WRAPPER postgres_fdw;
CREATE SERVER rewrapped TYPE 'x' FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER dropped FOREIGN DATA WRAPPER file_fdw;
COMMENT ON SERVER dropped IS 'old';
