-- View names that make awkward file names (slash, dot-dot, leading dot, case twins, same name in two schemas, very long), since inspect writes one file per view.
CREATE SCHEMA other;
CREATE TABLE t (a int);
CREATE VIEW "a/b" AS SELECT a FROM t;
CREATE VIEW ".." AS SELECT a FROM t;
CREATE VIEW ".hidden" AS SELECT a FROM t;
CREATE VIEW "V" AS SELECT a FROM t;
CREATE VIEW v AS SELECT a FROM t;
CREATE VIEW other.v AS SELECT a FROM t;
CREATE VIEW "other.v" AS SELECT a FROM t;
CREATE VIEW "view;with;semicolons" AS SELECT a, ';' AS semi, '--' AS dashes, '/* c */' AS cmt FROM t;
CREATE VIEW "x.sql" AS SELECT a FROM t;
CREATE VIEW "a_very_long_view_name_that_fills_all_sixty_three_bytes_xxxxxxxx" AS SELECT a FROM t;
CREATE MATERIALIZED VIEW "mat/slash" AS SELECT a FROM t;
CREATE INDEX "mat/slash idx" ON "mat/slash" (a);
