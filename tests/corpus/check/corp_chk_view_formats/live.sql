CREATE TABLE g (id bigint PRIMARY KEY, sym text, score numeric, active boolean);
CREATE VIEW v_cte AS WITH a AS (SELECT id, sym FROM g WHERE active) SELECT a.id, upper(a.sym) AS sym FROM a;
CREATE VIEW v_agg AS SELECT sym, count(*) AS n, max(score) AS top FROM g GROUP BY sym HAVING count(*) > 1;
CREATE VIEW v_join AS SELECT g1.id, g2.sym FROM g g1 JOIN g g2 ON g1.id = g2.id WHERE g1.score > 0 ORDER BY g1.id;
CREATE VIEW v_real AS SELECT id FROM g WHERE score > 1;
