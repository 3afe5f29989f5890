-- PostgreSQL 18: a table attached as a partition keeps its own NOT NULL constraint names (PARTITION OF would take the parent's); the model holds a partition's columns from its parent, so the names are unsupported findings, not silently equal.
CREATE TABLE "Parent T" (id bigint NOT NULL, region text NOT NULL, note text) PARTITION BY LIST (region);
CREATE TABLE "Part A" (id bigint NOT NULL, region text NOT NULL, note text);
ALTER TABLE "Parent T" ATTACH PARTITION "Part A" FOR VALUES IN ('a');
CREATE TABLE "Part B" PARTITION OF "Parent T" FOR VALUES IN ('b');
