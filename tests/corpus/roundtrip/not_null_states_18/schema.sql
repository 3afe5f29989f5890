-- PostgreSQL 18 NOT NULL constraints that are NOT VALID or NO INHERIT.
CREATE TABLE items (id int PRIMARY KEY, code text, note text NOT NULL NO INHERIT, label text);
ALTER TABLE items ADD CONSTRAINT items_code_nn NOT NULL code NOT VALID;
