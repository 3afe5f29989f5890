-- UNLOGGED tables and storage parameters: fillfactor, autovacuum settings, a toast option, an unlogged table with a key.
CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY, payload text) WITH (fillfactor = 70, autovacuum_enabled = off);
CREATE TABLE hot (id int, n text) WITH (fillfactor=50, toast.autovacuum_enabled=false);
CREATE TABLE "Odd Options" (a int) WITH (autovacuum_vacuum_scale_factor = 0.05);
