INSERT INTO alembic_version VALUES ('8f2c1a');
INSERT INTO genes (hgnc_id, approved_symbol, created_at, updated_at) VALUES ('HGNC:1', 'PKD1', '2024-01-01 10:00', '2024-01-02 10:00'), ('HGNC:2', 'PKD2', '2024-01-05 00:00', '2024-01-05 00:00');
INSERT INTO gene_evidence (gene_id, source_name, evidence_data, created_at) VALUES (1, 'clinvar', '{"a": 1}', '2024-01-03');
INSERT INTO gene_curations (gene_id, evidence_score, is_published, source_count, created_at) VALUES (1, 0.9, true, 3, '2024-01-03'), (2, 0, false, 0, '2024-01-04');
INSERT INTO pipeline_runs (status, started_at, stats) VALUES ('done', '2024-02-01', '{"n": 2}');
