-- A table marked CLUSTER ON one of its indexes (pg_dump keeps the mark).
CREATE TABLE t (id int, at timestamptz);
CREATE INDEX t_at ON t (at);
ALTER TABLE t CLUSTER ON t_at;
