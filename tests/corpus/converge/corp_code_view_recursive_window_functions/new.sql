CREATE SCHEMA vr;
CREATE TABLE vr.node (id int PRIMARY KEY, parent int);
CREATE RECURSIVE VIEW vr.tree (id, depth) AS SELECT id, 0 FROM vr.node WHERE parent IS NULL UNION ALL SELECT n.id, t.depth + 1 FROM vr.node n JOIN tree t ON n.parent = t.id WHERE t.depth < 10;
CREATE FUNCTION vr.scale(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x * 100';
CREATE VIEW vr.scaled AS SELECT id, vr.scale(depth) AS s FROM vr.tree;
CREATE VIEW vr.win AS SELECT id, row_number() OVER (PARTITION BY parent ORDER BY id DESC NULLS LAST) AS rn FROM vr.node;
CREATE VIEW vr.lat AS SELECT n.id, x.v FROM vr.node n, LATERAL (SELECT n.id + n.parent AS v) x;
CREATE VIEW vr.cte AS WITH x AS MATERIALIZED (SELECT id FROM vr.node) SELECT count(*) AS n FROM x;
CREATE VIEW vr."Values" AS SELECT k, "Label" FROM (VALUES (1, 'one'), (2, 'two')) v(k, "Label");
