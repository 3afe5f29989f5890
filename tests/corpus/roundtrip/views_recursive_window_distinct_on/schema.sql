-- View bodies PostgreSQL deparses in its own way: CREATE RECURSIVE VIEW, WITH RECURSIVE, window frames with EXCLUDE and named windows, DISTINCT ON, VALUES, ordered-set and FILTER aggregates, LATERAL, GROUPING SETS, a CTE MATERIALIZED, a string with quotes and a non-ASCII alias.
CREATE SCHEMA "Vw";
CREATE TABLE "Vw".node (id int PRIMARY KEY, parent int REFERENCES "Vw".node, name text, score numeric, at timestamptz);
CREATE RECURSIVE VIEW "Vw".ancestry (id, path) AS SELECT id, ARRAY[id] FROM "Vw".node WHERE parent IS NULL UNION ALL SELECT n.id, a.path || n.id FROM "Vw".node n JOIN ancestry a ON n.parent = a.id;
CREATE VIEW "Vw"."Ranked" AS SELECT id, name, rank() OVER w AS "Rang ü", sum(score) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) AS near, lag(name, 1, 'it''s none') OVER w AS prev FROM "Vw".node WINDOW w AS (PARTITION BY parent ORDER BY score DESC NULLS LAST);
CREATE VIEW "Vw".latest AS SELECT DISTINCT ON (parent) parent, id, at FROM "Vw".node ORDER BY parent, at DESC;
CREATE VIEW "Vw".consts (k, v) AS VALUES (1, 'one'), (2, 'two');
CREATE VIEW "Vw".stats AS WITH big AS MATERIALIZED (SELECT * FROM "Vw".node WHERE score > 10) SELECT parent, percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS median, count(*) FILTER (WHERE name LIKE 'a%') AS a_names, string_agg(name, ', ' ORDER BY name) AS names FROM big GROUP BY ROLLUP (parent);
CREATE VIEW "Vw".children AS SELECT n.id, c.cnt FROM "Vw".node n CROSS JOIN LATERAL (SELECT count(*) AS cnt FROM "Vw".node k WHERE k.parent = n.id) c;
