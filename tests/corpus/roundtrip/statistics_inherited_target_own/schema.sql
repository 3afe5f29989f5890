-- An inheritance child's own statistics target on a column it only inherits is not modelled: reported as unsupported (one its parent gave it is the parent's).
CREATE TABLE base (a int, b int);
CREATE TABLE derived (c int) INHERITS (base);
ALTER TABLE base ALTER COLUMN a SET STATISTICS 77;
ALTER TABLE derived ALTER COLUMN b SET STATISTICS 5;
