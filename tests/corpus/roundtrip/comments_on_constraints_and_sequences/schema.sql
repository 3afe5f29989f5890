-- Comments on every constraint kind (primary key, unique, check, foreign key, exclusion) and on sequences (free-standing, serial-owned, identity-owned skipped), with odd names and YAML-ish texts.
CREATE SEQUENCE "Odd Seq" START 10;
COMMENT ON SEQUENCE "Odd Seq" IS 'ça compte: 1, 2 — 3';
CREATE SCHEMA "Other";
CREATE SEQUENCE "Other".counter;
COMMENT ON SEQUENCE "Other".counter IS 'null';
CREATE TABLE "Parent" (id bigint PRIMARY KEY, n serial);
COMMENT ON CONSTRAINT "Parent_pkey" ON "Parent" IS 'It''s the "key"';
COMMENT ON SEQUENCE "Parent_n_seq" IS 'serial sequence';
CREATE TABLE child (
  id bigint CONSTRAINT "Child PK" PRIMARY KEY,
  parent_id bigint CONSTRAINT child_parent_fk REFERENCES "Parent"(id) ON DELETE CASCADE,
  code text CONSTRAINT child_code_key UNIQUE,
  during tstzrange,
  CONSTRAINT "select" CHECK (code = upper(code)),
  CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
COMMENT ON CONSTRAINT "Child PK" ON child IS E'two\nlines';
COMMENT ON CONSTRAINT child_parent_fk ON child IS 'true';
COMMENT ON CONSTRAINT child_code_key ON child IS '- dash';
COMMENT ON CONSTRAINT "select" ON child IS '~';
COMMENT ON CONSTRAINT no_overlap ON child IS 'a: b # c';
