-- View options (security_barrier, security_invoker, check_option) and a materialized view's storage parameters.
CREATE TABLE t (a int, b text);
CREATE VIEW checked AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION;
CREATE VIEW local_checked AS SELECT a FROM checked WHERE a < 10 WITH LOCAL CHECK OPTION;
CREATE VIEW barrier WITH (security_barrier) AS SELECT a FROM t;
CREATE VIEW "Invoker View" WITH (security_invoker = true, security_barrier = false) AS SELECT b FROM t;
CREATE MATERIALIZED VIEW mv WITH (fillfactor = 60) AS SELECT a, count(*) AS n FROM t GROUP BY a;
