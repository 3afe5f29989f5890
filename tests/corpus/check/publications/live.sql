CREATE SCHEMA app;
CREATE TABLE messages (id bigint PRIMARY KEY, body text, "Odd col" text);
CREATE TABLE app.events (id bigint);
CREATE TABLE measurements (id bigint, k integer) PARTITION BY RANGE (id);
CREATE TABLE measurements_1 PARTITION OF measurements FOR VALUES FROM (0) TO (100);
CREATE PUBLICATION same FOR TABLE messages (id, "Odd col") WHERE ((id > 0) AND (body <> ''::text)), measurements WHERE ((k = 1))
  WITH (publish = 'insert, update', publish_via_partition_root);
CREATE PUBLICATION "Odd ""Pub"" é" FOR TABLE messages;
COMMENT ON PUBLICATION "Odd ""Pub"" é" IS 'live';
CREATE PUBLICATION filter_changed FOR TABLE messages WHERE (id > 6);
CREATE PUBLICATION columns_changed FOR TABLE messages (id, body);
CREATE PUBLICATION table_added FOR TABLE messages;
CREATE PUBLICATION table_removed FOR TABLE messages, app.events;
CREATE PUBLICATION publish_changed WITH (publish = 'truncate');
CREATE PUBLICATION via_root_changed FOR TABLE measurements;
CREATE PUBLICATION schema_added;
CREATE PUBLICATION all_tables_changed FOR TABLE messages;
CREATE PUBLICATION extra_one FOR TABLE app.events;
