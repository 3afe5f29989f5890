-- A table attached as a partition with its columns in another order than its parent's: the partition keeps its own order.
CREATE TABLE parent (id int NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE part (body text, at date NOT NULL, id int NOT NULL);
ALTER TABLE parent ATTACH PARTITION part FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
