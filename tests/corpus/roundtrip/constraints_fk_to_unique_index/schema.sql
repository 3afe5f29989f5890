-- A foreign key that references columns covered only by a unique index (no unique constraint), so the index must exist before the key.
CREATE TABLE target (a int NOT NULL, b int NOT NULL);
CREATE UNIQUE INDEX target_a_b ON target (a, b);
CREATE TABLE referer (x int, y int, FOREIGN KEY (x, y) REFERENCES target (a, b) ON DELETE CASCADE);
