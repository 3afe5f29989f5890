CREATE TABLE parent (id bigint PRIMARY KEY, code text UNIQUE, alt bigint UNIQUE);
CREATE TABLE child (
  id bigint PRIMARY KEY,
  a bigint, b bigint, c bigint, d bigint, e bigint, f text, g bigint,
  CONSTRAINT child_a_fk FOREIGN KEY (a) REFERENCES parent (id) ON DELETE CASCADE,
  CONSTRAINT child_b_fk FOREIGN KEY (b) REFERENCES parent (id),
  CONSTRAINT child_c_fk FOREIGN KEY (c) REFERENCES parent (id) ON UPDATE CASCADE,
  CONSTRAINT child_d_fk FOREIGN KEY (d) REFERENCES parent (id) DEFERRABLE,
  CONSTRAINT child_e_fk FOREIGN KEY (e) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT child_f_fk FOREIGN KEY (f) REFERENCES parent (code),
  CONSTRAINT child_g_fk FOREIGN KEY (g) REFERENCES parent (id)
);
