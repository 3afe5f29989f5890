CREATE TABLE p (id bigint PRIMARY KEY, code text UNIQUE);
CREATE TABLE c (
  id bigint PRIMARY KEY,
  p_id bigint REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL,
  code text,
  n integer,
  CONSTRAINT c_code_fk FOREIGN KEY (code) REFERENCES p (code) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT c_n_fk FOREIGN KEY (n) REFERENCES p (id) ON DELETE RESTRICT
);
CREATE INDEX c_expr ON c USING btree (lower(code), (n + 1)) WHERE n > 0 AND code IS NOT NULL;
CREATE INDEX c_in ON c (n DESC NULLS LAST) WHERE code IN ('a', 'b');
CREATE INDEX c_hash ON c USING hash (code);
CREATE TABLE soft (id bigint, deleted boolean);
CREATE INDEX soft_live ON soft (id) WHERE deleted = false;
CREATE INDEX soft_dead ON soft (id) WHERE deleted;
CREATE INDEX c_real ON c (n, code);
