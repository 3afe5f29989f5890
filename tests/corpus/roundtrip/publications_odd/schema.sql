-- Publications with odd names, a partitioned table published via its root with a row filter, odd filter spellings, column lists, schemas, FOR ALL TABLES and publish = ''.
CREATE SCHEMA "Sch é";
CREATE TABLE "Msgs ""q""" (id bigint PRIMARY KEY, "Body Text" text, n numeric);
CREATE TABLE "Sch é".t (a int);
CREATE TABLE readings (id bigint, k integer) PARTITION BY RANGE (id);
CREATE TABLE readings_1 PARTITION OF readings FOR VALUES FROM (0) TO (100);
CREATE PUBLICATION "Real ""Time"" é" FOR TABLE "Msgs ""q""" ("Body Text", id) WHERE (id>0 AND "Body Text" LIKE 'a%' OR n BETWEEN 1 AND 2), readings WHERE (k IN (1,2)) WITH (publish_via_partition_root, publish = 'insert,update');
CREATE PUBLICATION per_schema FOR TABLES IN SCHEMA "Sch é", public;
CREATE PUBLICATION "everything" FOR ALL TABLES WITH (publish = '');
CREATE PUBLICATION empty;
COMMENT ON PUBLICATION empty IS 'nothing yet, it''s fine';
