CREATE TABLE genes (id bigint, symbol text);
CREATE VIEW active_genes AS SELECT id FROM genes WHERE id > 10;
CREATE VIEW extra_view AS SELECT 1 AS one;