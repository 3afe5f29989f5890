CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE genes (id SERIAL NOT NULL, hgnc_id VARCHAR, approved_symbol VARCHAR NOT NULL, aliases VARCHAR[], created_at TIMESTAMP WITHOUT TIME ZONE, updated_at TIMESTAMP WITHOUT TIME ZONE, PRIMARY KEY (id), UNIQUE (hgnc_id));
CREATE TABLE gene_evidence (id SERIAL NOT NULL, gene_id INTEGER NOT NULL, source_name VARCHAR NOT NULL, evidence_data JSONB, evidence_date DATE, created_at TIMESTAMP WITHOUT TIME ZONE, PRIMARY KEY (id), FOREIGN KEY(gene_id) REFERENCES genes (id));
CREATE TABLE gene_curations (id SERIAL NOT NULL, gene_id INTEGER NOT NULL, evidence_score FLOAT, is_published BOOLEAN, source_count INTEGER, created_at TIMESTAMP WITHOUT TIME ZONE, PRIMARY KEY (id), FOREIGN KEY(gene_id) REFERENCES genes (id));
CREATE INDEX ix_genes_approved_symbol ON genes (approved_symbol);
CREATE TABLE pipeline_runs (id SERIAL NOT NULL, status VARCHAR(20), started_at TIMESTAMP WITHOUT TIME ZONE, finished_at TIMESTAMP WITHOUT TIME ZONE, stats JSON, PRIMARY KEY (id));
