-- Table edge cases: a table without columns, a dropped column (attnum gap), columns added after a drop, NOT NULL without default, a table that only has a primary key.
CREATE TABLE no_columns ();
CREATE TABLE gappy (a int, b text, c int);
ALTER TABLE gappy DROP COLUMN b;
ALTER TABLE gappy ADD COLUMN d text NOT NULL DEFAULT 'd';
ALTER TABLE gappy ADD COLUMN e timestamptz;
CREATE TABLE only_pk (id uuid PRIMARY KEY);
CREATE TABLE nn (a int NOT NULL, b text NOT NULL);
