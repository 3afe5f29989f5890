-- Publications every major has (14+): tables joining and leaving (one dropped with its table,
-- one renamed), publish and publish_via_partition_root, FOR ALL TABLES, comments, odd names.
CREATE TABLE "Odd Table ""q""" (id bigint);
CREATE TABLE plain (id bigint);
CREATE TABLE doomed (id bigint);
CREATE TABLE parted (id bigint) PARTITION BY LIST (id);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1);
CREATE PUBLICATION "Odd ""Pub"" é" FOR TABLE "Odd Table ""q""", doomed;
COMMENT ON PUBLICATION "Odd ""Pub"" é" IS 'old';
CREATE PUBLICATION supabase_realtime;
CREATE PUBLICATION opts FOR TABLE parted WITH (publish = 'insert, truncate');
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION gone FOR TABLE plain;
