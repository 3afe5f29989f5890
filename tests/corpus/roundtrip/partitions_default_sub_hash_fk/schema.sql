-- Partitions: a DEFAULT partition, a range partition sub-partitioned by list with its own default, hash partitions, a primary key and an index on the partitioned parent, a foreign key referencing a partitioned table, a partition with its own extra index and check, odd names.
CREATE SCHEMA "Part Ops";
CREATE TABLE "Part Ops"."Measurements" (city text NOT NULL, at date NOT NULL, "Value" numeric, PRIMARY KEY (city, at)) PARTITION BY RANGE (at);
CREATE TABLE "Part Ops"."M 2024" PARTITION OF "Part Ops"."Measurements" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (city);
CREATE TABLE "Part Ops".m2024_oslo PARTITION OF "Part Ops"."M 2024" FOR VALUES IN ('Oslo', 'Bergen');
CREATE TABLE "Part Ops"."m2024_Rest" PARTITION OF "Part Ops"."M 2024" DEFAULT;
CREATE TABLE "Part Ops".m_default PARTITION OF "Part Ops"."Measurements" DEFAULT;
CREATE INDEX "Measurements Value" ON "Part Ops"."Measurements" ("Value") WHERE "Value" IS NOT NULL;
CREATE INDEX oslo_only ON "Part Ops".m2024_oslo (at DESC);
ALTER TABLE "Part Ops".m2024_oslo ADD CONSTRAINT oslo_positive CHECK ("Value" >= 0);
CREATE TABLE "Part Ops".readings (id bigint, city text, at date, FOREIGN KEY (city, at) REFERENCES "Part Ops"."Measurements" ON DELETE CASCADE) ;
CREATE TABLE "Part Ops"."Sessions" (id uuid NOT NULL, "user" int, PRIMARY KEY (id)) PARTITION BY HASH (id);
CREATE TABLE "Part Ops".sessions_0 PARTITION OF "Part Ops"."Sessions" FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE "Part Ops".sessions_1 PARTITION OF "Part Ops"."Sessions" FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE "Part Ops"."Sessions 2" PARTITION OF "Part Ops"."Sessions" FOR VALUES WITH (MODULUS 3, REMAINDER 2);
COMMENT ON TABLE "Part Ops".m_default IS 'everything else';
