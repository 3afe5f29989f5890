CREATE SEQUENCE counter;
COMMENT ON SEQUENCE counter IS 'counts things';
CREATE SEQUENCE "Odd Seq";
COMMENT ON SEQUENCE "Odd Seq" IS 'something else';
CREATE TABLE "Parent" (id bigint PRIMARY KEY);
COMMENT ON CONSTRAINT "Parent_pkey" ON "Parent" IS 'the key';
CREATE TABLE child (
  id bigint NOT NULL CONSTRAINT child_pk PRIMARY KEY,
  parent_id bigint CONSTRAINT child_parent_fk REFERENCES "Parent"(id),
  code text CONSTRAINT child_code_key UNIQUE,
  during tstzrange,
  CONSTRAINT code_upper CHECK (code = upper(code)),
  CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
COMMENT ON CONSTRAINT child_code_key ON child IS 'codes are unique';
COMMENT ON CONSTRAINT code_upper ON child IS 'it''s upper case';
COMMENT ON CONSTRAINT no_overlap ON child IS 'undeclared text';
