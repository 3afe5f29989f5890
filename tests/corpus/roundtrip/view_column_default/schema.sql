-- A default on a view column (used by INSERT through an updatable view).
CREATE TABLE t (id int, status text);
CREATE VIEW v AS SELECT id, status FROM t;
ALTER VIEW v ALTER COLUMN status SET DEFAULT 'new';
