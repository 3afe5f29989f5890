-- Partitioning: a range-partitioned table with a default partition and a parent index and key, a list-partitioned one with sub-partitions, a hash-partitioned one, odd names, a partition-local check and index, and an FK to a partitioned table.
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE INDEX events_body_idx ON events (body);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events (CONSTRAINT body_short CHECK (length(body) < 100)) FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_2026_local ON events_2026 (id) WHERE body IS NULL;
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE SCHEMA "Sales Data";
CREATE TABLE "Sales Data"."Orders" (id int NOT NULL, region text NOT NULL, "Year" int NOT NULL) PARTITION BY LIST (region);
CREATE TABLE "Sales Data"."Orders EU" PARTITION OF "Sales Data"."Orders" FOR VALUES IN ('de', 'fr') PARTITION BY RANGE ("Year");
CREATE TABLE "Sales Data"."Orders EU old" PARTITION OF "Sales Data"."Orders EU" FOR VALUES FROM (MINVALUE) TO (2020);
CREATE TABLE "Sales Data"."Orders EU new" PARTITION OF "Sales Data"."Orders EU" FOR VALUES FROM (2020) TO (MAXVALUE);
CREATE TABLE "Sales Data"."Orders US" PARTITION OF "Sales Data"."Orders" FOR VALUES IN ('us', NULL);
CREATE TABLE buckets (k int NOT NULL, v text) PARTITION BY HASH (k);
CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE buckets_1 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE refs (id int, event_id bigint, event_at date, FOREIGN KEY (event_id, event_at) REFERENCES events (id, at));
CREATE TABLE by_expr (name text) PARTITION BY RANGE (lower(name));
CREATE TABLE by_expr_a PARTITION OF by_expr FOR VALUES FROM ('a') TO ('m');
