-- PostgreSQL 17: a partitioned table's own table access method (USING), inherited by partitions created later.
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at) USING heap2;
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE plain_events (id int) USING heap;
