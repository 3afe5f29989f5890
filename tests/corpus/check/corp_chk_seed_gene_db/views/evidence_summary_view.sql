CREATE OR REPLACE VIEW evidence_summary_view AS
SELECT g.id,
       g.symbol,
       count(e.id) AS evidence_count
  FROM genes g
  LEFT JOIN gene_evidence e ON e.gene_id = g.id
 WHERE g.is_active
 GROUP BY g.id, g.symbol;
