-- Extended statistics on a materialized view and a matview column's target are not modelled: reported as unsupported, never silently passed.
CREATE TABLE t (a int, b int);
CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t;
CREATE STATISTICS mv_ab ON a, b FROM mv;
ALTER MATERIALIZED VIEW mv ALTER COLUMN a SET STATISTICS 100;
