-- Issue 13's table shapes together: a range-partitioned table with a default partition, a list-partitioned one with sub-partitions, an inheritance hierarchy, an unlogged table, fillfactors, view options, column storage.
CREATE SCHEMA app;
CREATE TABLE app.readings (sensor int NOT NULL, at date NOT NULL, value numeric, PRIMARY KEY (sensor, at)) PARTITION BY RANGE (at);
CREATE INDEX readings_value ON app.readings (value);
CREATE TABLE app.readings_2026 PARTITION OF app.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') WITH (fillfactor = 90);
CREATE TABLE app.readings_default PARTITION OF app.readings DEFAULT;
CREATE TABLE customers (id int NOT NULL, country text NOT NULL, tier int NOT NULL, note text) PARTITION BY LIST (country);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'it') PARTITION BY HASH (id);
CREATE TABLE customers_eu_0 PARTITION OF customers_eu FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE customers_eu_1 PARTITION OF customers_eu FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE customers_rest PARTITION OF customers DEFAULT;
ALTER TABLE customers ALTER COLUMN note SET STORAGE EXTERNAL;
CREATE TABLE vehicles (id int, wheels int CHECK (wheels >= 0));
CREATE TABLE cars (doors int) INHERITS (vehicles);
CREATE TABLE taxis (licence text) INHERITS (cars);
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb) WITH (fillfactor = 60);
CREATE INDEX cache_v ON cache USING gin (v) WITH (fastupdate = off);
CREATE VIEW eu_customers WITH (security_barrier, security_invoker = on) AS SELECT id, tier FROM customers WHERE country IN ('de', 'fr', 'it') WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW reading_counts WITH (fillfactor = 70) AS SELECT sensor, count(*) AS n FROM app.readings GROUP BY sensor;
