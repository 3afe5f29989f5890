-- Publications (PostgreSQL 15+) changing every way: filters, column lists (one naming a column
-- the plan drops), schemas, options, FOR ALL TABLES, a member table dropped, odd names.
CREATE SCHEMA app;
CREATE SCHEMA "Old Sch";
CREATE TABLE messages (id bigint PRIMARY KEY, body text, "Odd col" text, gone text);
CREATE TABLE app.events (id bigint, kind text);
CREATE TABLE doomed (id bigint);
CREATE TABLE measurements (id bigint, k integer) PARTITION BY RANGE (id);
CREATE TABLE measurements_1 PARTITION OF measurements FOR VALUES FROM (0) TO (100);
CREATE PUBLICATION "Odd ""Pub"" é" FOR TABLE messages (id, gone) WHERE (gone IS NOT NULL), doomed;
CREATE PUBLICATION filters FOR TABLE messages WHERE (id > 1), app.events;
CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA "Old Sch", app;
CREATE PUBLICATION via_root FOR TABLE measurements;
CREATE PUBLICATION to_list FOR ALL TABLES;
CREATE PUBLICATION to_all FOR TABLE messages;
CREATE PUBLICATION dropped_one FOR TABLE doomed WITH (publish = '');
