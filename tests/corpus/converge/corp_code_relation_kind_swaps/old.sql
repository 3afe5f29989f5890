-- The same name changes kind: a materialized view becomes a view, a view a materialized view with an index, a view a table (rows come with nothing), a table a view, each read by another view; comments on each.
CREATE SCHEMA ks;
CREATE TABLE ks.base (id int PRIMARY KEY, v int);
CREATE MATERIALIZED VIEW ks.a AS SELECT id, v FROM ks.base;
CREATE VIEW ks.b AS SELECT id, v FROM ks.base;
CREATE VIEW ks.c AS SELECT id FROM ks.base;
CREATE TABLE ks.d (id int, note text);
CREATE VIEW ks.reads_all AS SELECT a.id FROM ks.a JOIN ks.b USING (id) JOIN ks.c USING (id) JOIN ks.d USING (id);
COMMENT ON MATERIALIZED VIEW ks.a IS 'was a matview';
COMMENT ON VIEW ks.b IS 'was a view';
