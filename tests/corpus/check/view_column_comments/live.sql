CREATE TABLE t (id int, code text);
CREATE VIEW v AS SELECT id, code FROM t;
COMMENT ON COLUMN v.id IS 'same';
COMMENT ON COLUMN v.code IS 'live text';
CREATE VIEW w AS SELECT id FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
COMMENT ON COLUMN mv.id IS 'undeclared view anyway';
