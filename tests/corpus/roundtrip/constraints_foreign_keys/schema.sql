-- Foreign keys: every ON DELETE / ON UPDATE action, MATCH FULL, deferrable (initially deferred and immediate), self-reference, composite, to a unique constraint, cross-schema, two FKs between the same tables.
CREATE SCHEMA other;
CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, a int, b int, UNIQUE (a, b));
CREATE TABLE other.remote (id bigint PRIMARY KEY);
CREATE TABLE child (
    id int PRIMARY KEY,
    p1 int REFERENCES parent ON DELETE CASCADE,
    p2 int REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
    p3 int DEFAULT 0 REFERENCES parent ON DELETE SET DEFAULT ON UPDATE SET DEFAULT,
    p4 int REFERENCES parent ON DELETE RESTRICT ON UPDATE RESTRICT,
    p5 int REFERENCES parent ON DELETE NO ACTION ON UPDATE SET NULL,
    code text REFERENCES parent (code) DEFERRABLE INITIALLY DEFERRED,
    code2 text REFERENCES parent (code) DEFERRABLE INITIALLY IMMEDIATE,
    a int, b int,
    remote_id bigint,
    parent_child int REFERENCES child,
    CONSTRAINT fk_full FOREIGN KEY (a, b) REFERENCES parent (a, b) MATCH FULL ON DELETE CASCADE,
    CONSTRAINT fk_remote FOREIGN KEY (remote_id) REFERENCES other.remote (id)
);
CREATE TABLE other.back (id int PRIMARY KEY, child_id int REFERENCES public.child ON DELETE CASCADE);
CREATE TABLE tree (id int PRIMARY KEY, parent_id int, root_id int,
    CONSTRAINT tree_parent FOREIGN KEY (parent_id) REFERENCES tree (id) DEFERRABLE,
    CONSTRAINT tree_root FOREIGN KEY (root_id) REFERENCES tree (id) ON DELETE CASCADE);
