CREATE TABLE genes (id bigint PRIMARY KEY);
CREATE TABLE ev (gene_id bigint, other_id bigint, CONSTRAINT ev_gene_id_fkey FOREIGN KEY (gene_id) REFERENCES genes(id));