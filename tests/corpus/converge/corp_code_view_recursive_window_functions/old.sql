-- Recursive view gets a depth limit, a function a view calls changes its body in place, a window view's ORDER BY flips, a LATERAL view's body changes, a view with a MATERIALIZED CTE and one over a VALUES list are added (a top-level VALUES view is left out: PostgreSQL deparses it as a subquery that deparses differently once re-created).
CREATE SCHEMA vr;
CREATE TABLE vr.node (id int PRIMARY KEY, parent int);
CREATE RECURSIVE VIEW vr.tree (id, depth) AS SELECT id, 0 FROM vr.node WHERE parent IS NULL UNION ALL SELECT n.id, t.depth + 1 FROM vr.node n JOIN tree t ON n.parent = t.id;
CREATE FUNCTION vr.scale(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x * 10';
CREATE VIEW vr.scaled AS SELECT id, vr.scale(depth) AS s FROM vr.tree;
CREATE VIEW vr.win AS SELECT id, row_number() OVER (PARTITION BY parent ORDER BY id) AS rn FROM vr.node;
CREATE VIEW vr.lat AS SELECT n.id, x.v FROM vr.node n, LATERAL (SELECT n.id + 1 AS v) x;
