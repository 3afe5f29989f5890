-- An exclusion constraint mixing equality and overlap, which needs the btree_gist extension.
CREATE EXTENSION btree_gist;
CREATE TABLE reservation (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));
