-- A statistics target on an expression index column (ALTER INDEX ... ALTER COLUMN 1 SET STATISTICS).
CREATE TABLE t (name text);
CREATE INDEX t_lower ON t (lower(name));
ALTER INDEX t_lower ALTER COLUMN 1 SET STATISTICS 500;
