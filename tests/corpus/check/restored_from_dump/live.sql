-- The view as pg_dump writes it (pg_get_viewdef output), which PostgreSQL prints differently once
-- restored: not a fixpoint. A database restored from its own dump must not show drift.
CREATE TABLE genes (id bigint, symbol character varying(20));
CREATE VIEW picked AS
 SELECT genes.id
   FROM genes
  WHERE ((genes.symbol)::text = ANY ((ARRAY['A'::character varying, 'B'::character varying])::text[]));
