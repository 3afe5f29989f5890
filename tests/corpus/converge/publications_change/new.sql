-- Publications (PostgreSQL 15+) after the change.
CREATE SCHEMA app;
CREATE TABLE messages (id bigint PRIMARY KEY, body text, "Odd col" text);
CREATE TABLE app.events (id bigint, kind text);
CREATE TABLE measurements (id bigint, k integer) PARTITION BY RANGE (id);
CREATE TABLE measurements_1 PARTITION OF measurements FOR VALUES FROM (0) TO (100);
CREATE PUBLICATION "Odd ""Pub"" é" FOR TABLE messages ("Odd col", id) WHERE (body <> 'x');
CREATE PUBLICATION filters FOR TABLE messages WHERE ((id > 2) AND (body IS NOT NULL)), app.events WHERE (kind = 'a');
CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA app, public WITH (publish = 'insert');
CREATE PUBLICATION via_root FOR TABLE measurements WHERE (k > 0) WITH (publish_via_partition_root = true);
CREATE PUBLICATION to_list FOR TABLE app.events;
CREATE PUBLICATION to_all FOR ALL TABLES WITH (publish = '');
CREATE PUBLICATION new_one FOR TABLE messages, app.events (id);
COMMENT ON PUBLICATION new_one IS 'new';
