CREATE TABLE t (a int, b text);
CREATE INDEX t_a ON t (a) WITH (fillfactor = 90);
CREATE INDEX t_b ON t (b) WITH (deduplicate_items = off);
CREATE INDEX t_ab ON t (a, b);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE INDEX mv_a ON mv (a) WITH (fillfactor = 40);
