-- A plain table that matches a partitioned table (same columns, one dropped, an index and a check like the parent's) becomes its partition: ATTACH, not drop and create, so its rows stay; a second table moves from DEFAULT-less to the default partition; a partition gets a comment and a grant.
CREATE SCHEMA "Att";
CREATE TABLE "Att"."Log" (id bigint NOT NULL, at date NOT NULL, "Body" text DEFAULT '', CONSTRAINT "Log at" CHECK (at > '2000-01-01')) PARTITION BY RANGE (at);
CREATE INDEX "Log by id" ON "Att"."Log" (id);
CREATE TABLE "Att"."Log 2025" PARTITION OF "Att"."Log" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE "Att".log_2024 (id bigint NOT NULL, junk int, at date NOT NULL, "Body" text DEFAULT '', CONSTRAINT "Log at" CHECK (at > '2000-01-01'));
ALTER TABLE "Att".log_2024 DROP COLUMN junk;
CREATE INDEX log_2024_id_idx ON "Att".log_2024 (id);
CREATE TABLE "Att".log_rest (id bigint NOT NULL, at date NOT NULL, "Body" text DEFAULT '');
