-- Inheritance: a column added to the parent after the child was created lands after the child's own columns; a rebuild with INHERITS puts it before them.
CREATE TABLE parent (id int NOT NULL, name text);
CREATE TABLE child (own text) INHERITS (parent);
ALTER TABLE parent ADD COLUMN added_later date;
