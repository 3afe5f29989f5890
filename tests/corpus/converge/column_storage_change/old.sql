CREATE TABLE docs (id int, body text, b bytea);
ALTER TABLE docs ALTER COLUMN b SET STORAGE EXTERNAL;
