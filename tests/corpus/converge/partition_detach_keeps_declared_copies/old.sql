-- Two partitions detached: one declares the copies of its parent's key, check and index that DETACH leaves (they stay, as they are), the other declares none but an index of its own (the copies go, its index stays); a third partition moves to another parent.
CREATE TABLE m (id int NOT NULL, k text NOT NULL, CONSTRAINT m_key UNIQUE (id, k), CONSTRAINT k_set CHECK (k <> '')) PARTITION BY LIST (k);
CREATE INDEX m_id ON m (id);
CREATE TABLE m_a PARTITION OF m FOR VALUES IN ('a');
CREATE TABLE m_b PARTITION OF m FOR VALUES IN ('b');
CREATE INDEX m_b_own ON m_b (k, id);
CREATE TABLE m_c PARTITION OF m FOR VALUES IN ('c');
CREATE TABLE n (id int NOT NULL, k text NOT NULL) PARTITION BY LIST (k);
