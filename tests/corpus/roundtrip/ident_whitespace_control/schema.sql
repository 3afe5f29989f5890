-- Identifiers and texts with leading/trailing spaces, tabs and newlines, in tables, columns, enum labels, comments and view columns.
CREATE TABLE " padded " (" lead" int, "trail " int, "tab	in" int, "new
line" int);
CREATE TYPE spaced AS ENUM (' a', 'b ', 'c	d', 'e
f');
CREATE TABLE uses_spaced (s spaced DEFAULT ' a');
CREATE VIEW "view
newline" AS SELECT " lead" AS "out
col" FROM " padded ";
COMMENT ON TABLE " padded " IS E'\ttab first';
