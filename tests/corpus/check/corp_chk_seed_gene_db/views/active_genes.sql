-- Kept by a ReplaceableObject in app/db/views.py; formatted differently, same query.
CREATE OR REPLACE VIEW active_genes AS
SELECT genes.id,
       genes.symbol
  FROM genes
 WHERE genes.is_active;
