-- hand-formatted join
CREATE VIEW v_join AS
  SELECT g1.id, g2.sym
    FROM g AS g1
   INNER JOIN g AS g2 ON (g1.id = g2.id)
   WHERE (g1.score > 0::numeric)
   ORDER BY 1;
