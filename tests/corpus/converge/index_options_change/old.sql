CREATE TABLE t (a int, b text);
CREATE INDEX t_a ON t (a) WITH (fillfactor = 70);
CREATE INDEX t_b ON t (b);
CREATE INDEX t_ab ON t (a, b) WITH (fillfactor = 60);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE INDEX mv_a ON mv (a);
