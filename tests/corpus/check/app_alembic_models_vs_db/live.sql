-- The seed project's drift classes between SQLAlchemy models (declared) and an Alembic-migrated database: timestamps without time zone, missing server defaults, an INTEGER id and foreign key, an FK without ON DELETE CASCADE, nullability, a missing and an extra index (ix_ names), alembic_version present on both sides.
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE genes (id SERIAL PRIMARY KEY, approved_symbol VARCHAR NOT NULL, created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, updated_at TIMESTAMP WITHOUT TIME ZONE, is_active BOOLEAN NOT NULL);
CREATE INDEX ix_genes_approved_symbol ON genes (approved_symbol);
CREATE INDEX ix_genes_created_at ON genes (created_at);
CREATE TABLE gene_evidence (id BIGSERIAL PRIMARY KEY, gene_id INTEGER NOT NULL REFERENCES genes (id), source_name VARCHAR NOT NULL, evidence_data JSONB, created_at TIMESTAMPTZ DEFAULT now() NOT NULL);
CREATE INDEX ix_gene_evidence_gene_id ON gene_evidence (gene_id);
