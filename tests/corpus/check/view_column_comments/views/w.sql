CREATE VIEW w AS SELECT id FROM t;
COMMENT ON COLUMN w.id IS 'declared only';
