-- The gene database as it drifted: integer ids, naive timestamps, a lost ON DELETE CASCADE,
-- an index added by hand, a view edited by hand.
CREATE TABLE genes (
  id serial PRIMARY KEY,
  symbol character varying(50) NOT NULL,
  hgnc_id character varying(50),
  created_at timestamp without time zone DEFAULT now(),
  updated_at timestamp without time zone,
  is_active boolean
);
CREATE INDEX ix_genes_symbol ON genes (symbol);
CREATE TABLE gene_annotations (
  id bigserial PRIMARY KEY,
  gene_id integer REFERENCES genes (id),
  source character varying(50),
  annotations jsonb,
  created_at timestamp with time zone DEFAULT now()
);
CREATE TABLE gene_evidence (
  id bigserial PRIMARY KEY,
  gene_id bigint NOT NULL REFERENCES genes (id) ON DELETE CASCADE,
  evidence_data jsonb,
  source_name character varying(100)
);
CREATE TABLE cache_entries (
  id integer PRIMARY KEY,
  namespace text NOT NULL,
  key text NOT NULL,
  "metadata" jsonb,
  expires_at timestamp without time zone
);
CREATE TABLE system_logs (
  id bigserial PRIMARY KEY,
  level character varying(20) DEFAULT 'INFO'::character varying,
  message text,
  "timestamp" timestamp with time zone DEFAULT now()
);
CREATE INDEX ix_system_logs_timestamp ON system_logs ("timestamp");
CREATE VIEW active_genes AS SELECT id, symbol FROM genes WHERE is_active;
CREATE VIEW evidence_summary_view AS
  SELECT g.id, g.symbol, count(e.id) AS evidence_count
    FROM genes g LEFT JOIN gene_evidence e ON e.gene_id = g.id
   GROUP BY g.id, g.symbol;
