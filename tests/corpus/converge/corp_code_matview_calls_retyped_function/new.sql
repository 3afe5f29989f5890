CREATE SCHEMA mf;
CREATE TABLE mf.t (id int PRIMARY KEY, v int);
CREATE FUNCTION mf.score(v int) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'select v * 2.5';
CREATE MATERIALIZED VIEW mf.scored AS SELECT id, mf.score(v) AS s FROM mf.t;
CREATE UNIQUE INDEX scored_id ON mf.scored (id);
CREATE MATERIALIZED VIEW mf.scored_later AS SELECT id, mf.score(v) AS s FROM mf.t WITH NO DATA;
CREATE VIEW mf.top AS SELECT id FROM mf.scored WHERE s > 10;
CREATE MATERIALIZED VIEW mf.ordered AS SELECT id FROM mf.t ORDER BY id DESC;
