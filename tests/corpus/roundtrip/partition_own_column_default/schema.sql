-- A partition with its own default for a column of its parent (PARTITION OF ... (col DEFAULT ...)).
CREATE TABLE parent (id int NOT NULL, qty int NOT NULL DEFAULT 1) PARTITION BY LIST (id);
CREATE TABLE part PARTITION OF parent (qty DEFAULT 5) FOR VALUES IN (1);
