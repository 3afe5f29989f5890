CREATE TABLE m (id int NOT NULL, k text NOT NULL, CONSTRAINT m_key UNIQUE (id, k), CONSTRAINT k_set CHECK (k <> '')) PARTITION BY LIST (k);
CREATE INDEX m_id ON m (id);
CREATE TABLE m_a (id int NOT NULL, k text NOT NULL, CONSTRAINT m_a_id_k_key UNIQUE (id, k), CONSTRAINT k_set CHECK (k <> ''));
CREATE INDEX m_a_id_idx ON m_a (id);
CREATE TABLE m_b (id int NOT NULL, k text NOT NULL);
CREATE INDEX m_b_own ON m_b (k, id);
CREATE TABLE n (id int NOT NULL, k text NOT NULL) PARTITION BY LIST (k);
CREATE TABLE m_c PARTITION OF n FOR VALUES IN ('c');
