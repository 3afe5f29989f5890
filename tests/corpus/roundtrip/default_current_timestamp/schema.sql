-- Defaults CURRENT_TIMESTAMP and transaction_timestamp(): the same value as now() but a different expression, which must be kept as written.
CREATE TABLE stamped (
    a timestamptz DEFAULT CURRENT_TIMESTAMP,
    b timestamptz NOT NULL DEFAULT transaction_timestamp(),
    c timestamptz DEFAULT now()
);
