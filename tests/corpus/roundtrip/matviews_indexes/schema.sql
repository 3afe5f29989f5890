-- Materialized views with unique, partial, expression and multi-column indexes, a matview over a matview, and a comment on the matview.
CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL, payload jsonb);
CREATE MATERIALIZED VIEW daily AS SELECT kind, date_trunc('day', at) AS day, count(*) AS n FROM events GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_key ON daily (kind, day);
CREATE INDEX daily_big ON daily (n DESC) WHERE n > 100;
CREATE INDEX daily_lower ON daily (lower(kind));
CREATE MATERIALIZED VIEW kinds AS SELECT kind, sum(n) AS total FROM daily GROUP BY kind;
CREATE UNIQUE INDEX kinds_kind ON kinds (kind);
COMMENT ON MATERIALIZED VIEW daily IS 'per day';
