CREATE MATERIALIZED VIEW same_mv AS SELECT 1 AS one;
CREATE UNIQUE INDEX same_mv_one ON same_mv (one);
alter materialized view same_mv replica identity nothing;
ALTER MATERIALIZED VIEW public.same_mv CLUSTER ON same_mv_one;
