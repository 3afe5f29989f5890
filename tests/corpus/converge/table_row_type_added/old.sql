-- Columns typed with a table's row type: a new table used by a new column of an existing table
-- and by a new table that sorts before it (it must be created first).
CREATE TABLE person (name text);
