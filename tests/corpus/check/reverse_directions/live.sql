CREATE TYPE status AS ENUM ('new', 'active', 'retired');
CREATE SEQUENCE counter_seq INCREMENT 2;
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE t (
    id bigint,
    name text NOT NULL,
    note text,
    plain integer GENERATED ALWAYS AS (id * 2) STORED,
    at timestamptz,
    flag boolean DEFAULT true,
    ident bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    parent_id bigint,
    s status,
    CONSTRAINT t_id_check CHECK (id > 0),
    CONSTRAINT t_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parent(id) ON DELETE CASCADE
);
CREATE INDEX t_name_idx ON t (name);
COMMENT ON COLUMN t.name IS 'not declared';
