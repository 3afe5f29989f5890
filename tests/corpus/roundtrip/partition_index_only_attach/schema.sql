-- Partitioned indexes built ON ONLY the parent: one with every partition's index attached (valid) under the partitions' own names, one still missing a partition's (invalid), a unique key on the partitioned table, an index on a sub-partitioned level only.
CREATE TABLE t (id int NOT NULL, k int NOT NULL, v text, CONSTRAINT t_key UNIQUE (id, k)) PARTITION BY RANGE (k);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (10);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (10) TO (20) PARTITION BY HASH (id);
CREATE TABLE t2a PARTITION OF t2 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE t2b PARTITION OF t2 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX t_v ON ONLY t (v);
CREATE INDEX "t1 v" ON t1 (v);
ALTER INDEX t_v ATTACH PARTITION "t1 v";
CREATE INDEX t2_v ON t2 (v);
ALTER INDEX t_v ATTACH PARTITION t2_v;
CREATE INDEX t_k_half ON ONLY t (k);
CREATE INDEX t1_k ON t1 (k);
ALTER INDEX t_k_half ATTACH PARTITION t1_k;
CREATE INDEX t2_only ON t2 (id, v);
