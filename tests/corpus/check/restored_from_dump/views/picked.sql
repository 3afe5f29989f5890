CREATE VIEW picked AS SELECT id FROM genes WHERE symbol IN ('A', 'B');
