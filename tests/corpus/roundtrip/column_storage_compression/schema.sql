-- Column STORAGE (external, main, plain) and COMPRESSION (pglz), on a plain table, a partitioned parent and an odd name.
CREATE TABLE docs (id int, body text COMPRESSION pglz, "Raw Bytes" bytea, n numeric, small text);
ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN "Raw Bytes" SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN small SET STORAGE PLAIN;
CREATE TABLE logs (at date, msg text) PARTITION BY RANGE (at);
ALTER TABLE logs ALTER COLUMN msg SET STORAGE EXTERNAL;
CREATE TABLE logs_all PARTITION OF logs DEFAULT;
