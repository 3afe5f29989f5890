-- Comments on the indexes behind a primary key and a unique constraint (not on the constraints themselves).
CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE);
COMMENT ON INDEX t_pkey IS 'index behind the primary key';
COMMENT ON INDEX t_code_key IS 'index behind the unique constraint';
