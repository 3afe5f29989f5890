-- Publications every major has (14+), after the change.
CREATE TABLE "Odd Table ""q""" (id bigint);
CREATE TABLE plain (id bigint);
CREATE TABLE parted (id bigint) PARTITION BY LIST (id);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1);
CREATE PUBLICATION "Odd ""Pub"" é" FOR TABLE plain;
CREATE PUBLICATION supabase_realtime FOR TABLE "Odd Table ""q""", plain;
CREATE PUBLICATION opts FOR TABLE parted WITH (publish = '', publish_via_partition_root = true);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'delete');
COMMENT ON PUBLICATION everything IS 'all of it';
