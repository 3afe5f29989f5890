CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2028-01-01');
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE TABLE events_old (id bigint NOT NULL, at date NOT NULL, body text);
CREATE INDEX events_old_at_idx ON events_old (at);
CREATE TABLE loose PARTITION OF events FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
