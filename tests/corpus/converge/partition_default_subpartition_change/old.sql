-- Partitions changed: a DEFAULT partition added, a new range partition that is itself list-partitioned (with its own default), a unique key over every partition key column and an index added on the partitioned parent (cascading to every partition), a hash partition set kept; odd names.
CREATE SCHEMA "Part Chg";
CREATE TABLE "Part Chg"."Events" (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL, UNIQUE (id, at, kind)) PARTITION BY RANGE (at);
CREATE TABLE "Part Chg"."Events 2024" PARTITION OF "Part Chg"."Events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
