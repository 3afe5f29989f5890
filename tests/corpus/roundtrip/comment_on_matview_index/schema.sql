-- A comment on an index of a materialized view.
CREATE TABLE events (kind text, n int);
CREATE MATERIALIZED VIEW totals AS SELECT kind, sum(n) AS n FROM events GROUP BY kind;
CREATE UNIQUE INDEX totals_kind ON totals (kind);
COMMENT ON INDEX totals_kind IS 'refresh concurrently needs this';
