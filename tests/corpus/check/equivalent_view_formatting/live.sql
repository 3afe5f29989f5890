CREATE TABLE genes (id bigint, symbol varchar(20));
CREATE VIEW v AS SELECT genes.id, genes.symbol FROM genes WHERE genes.symbol IN ('A', 'B') AND genes.id > 0;