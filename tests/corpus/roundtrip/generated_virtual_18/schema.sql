-- PostgreSQL 18 virtual generated columns (explicit VIRTUAL and the default kind) next to a stored one, with a comment and NOT NULL.
CREATE TABLE gv (
    a int NOT NULL,
    b int,
    doubled int GENERATED ALWAYS AS (a * 2) VIRTUAL,
    plus_one int GENERATED ALWAYS AS (a + 1),
    "Label" text GENERATED ALWAYS AS ('#' || a::text) VIRTUAL NOT NULL,
    total int GENERATED ALWAYS AS (a + coalesce(b, 0)) STORED
);
COMMENT ON COLUMN gv.doubled IS 'computed on read';
