CREATE UNLOGGED TABLE a (id int PRIMARY KEY, t text) WITH (fillfactor = 60, toast.autovacuum_enabled = false);
CREATE TABLE b (id int);
CREATE TABLE c (id int) WITH (fillfactor = 90);
