CREATE VIEW gene_symbols AS SELECT symbol FROM genes;
