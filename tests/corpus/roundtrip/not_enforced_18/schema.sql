-- PostgreSQL 18 NOT ENFORCED check and foreign-key constraints next to enforced ones.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (
    id int PRIMARY KEY,
    parent_id int,
    qty int,
    CONSTRAINT qty_positive CHECK (qty > 0) NOT ENFORCED,
    CONSTRAINT qty_small CHECK (qty < 1000),
    CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) NOT ENFORCED
);
