-- Primary and unique keys: composite primary key, unique NULLS NOT DISTINCT, deferrable unique (initially deferred and immediate), several uniques on one table, key order different from column order, a unique constraint next to a unique index on the same column.
CREATE TABLE pk_composite (b int, a int, c text, PRIMARY KEY (a, b));
CREATE TABLE uniques (
    id int PRIMARY KEY,
    x int, y int, z text,
    CONSTRAINT uq_nnd UNIQUE NULLS NOT DISTINCT (x),
    CONSTRAINT uq_def UNIQUE (y) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT uq_imm UNIQUE (z, y) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT uq_plain UNIQUE (z, x),
    CONSTRAINT uq_nnd_multi UNIQUE NULLS NOT DISTINCT (x, z)
);
CREATE TABLE pk_named (k text, CONSTRAINT "custom pk name" PRIMARY KEY (k));
CREATE TABLE unique_only (u int UNIQUE, v int UNIQUE);
CREATE TABLE key_and_index (c int CONSTRAINT key_and_index_c_key UNIQUE);
CREATE UNIQUE INDEX key_and_index_c_also ON key_and_index (c);
