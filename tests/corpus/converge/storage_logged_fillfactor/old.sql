CREATE TABLE a (id int PRIMARY KEY, t text) WITH (fillfactor = 80);
CREATE UNLOGGED TABLE b (id int) WITH (autovacuum_enabled = false);
CREATE TABLE c (id int);
