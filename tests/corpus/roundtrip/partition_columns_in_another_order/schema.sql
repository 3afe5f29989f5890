-- A table attached as a partition with its columns in another order than its parent's: the partition keeps its own order.
CREATE TABLE parent (id int NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
-- NOT NULL named as PARTITION OF names them on PostgreSQL 18 (older servers ignore the names).
CREATE TABLE part (body text, at date CONSTRAINT parent_at_not_null NOT NULL, id int CONSTRAINT parent_id_not_null NOT NULL);
ALTER TABLE parent ATTACH PARTITION part FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
