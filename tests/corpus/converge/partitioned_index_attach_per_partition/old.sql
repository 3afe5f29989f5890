-- Partitioned indexes: one built ON ONLY the parent with per-partition indexes attached by ALTER INDEX ... ATTACH PARTITION, a per-partition index that becomes attached, a unique key added on a partitioned table, hash partitions, a foreign key from a partitioned table to another.
CREATE TABLE acct (id int PRIMARY KEY);
CREATE TABLE h (id int NOT NULL, acct int, v text) PARTITION BY HASH (id);
CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX h0_v_idx ON h0 (v);
