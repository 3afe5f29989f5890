CREATE VIEW v AS SELECT id, code FROM t;
COMMENT ON COLUMN v.id IS 'same';
COMMENT ON COLUMN public.v.code IS 'declared';
