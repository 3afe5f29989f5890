-- Two live indexes with the declared definition: which one was renamed is a guess, so no pairing.
CREATE TABLE genes (id bigint, symbol text);
CREATE INDEX ix_a ON genes (symbol);
CREATE INDEX ix_b ON genes (symbol);
