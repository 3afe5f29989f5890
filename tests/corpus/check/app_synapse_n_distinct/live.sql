-- Matrix Synapse's planner overrides on state_groups_state: n_distinct written -0.020 in the database and -0.02 in the declaration is no drift, one set only in the database, one only declared, one with another value; n_distinct_inherited, which the declaration lacks, is drift too.
CREATE TABLE state_groups_state (state_group BIGINT, room_id TEXT, type TEXT, state_key TEXT, event_id TEXT);
ALTER TABLE state_groups_state ALTER COLUMN state_group SET (n_distinct = -0.020);
ALTER TABLE state_groups_state ALTER COLUMN room_id SET (n_distinct = 5000);
ALTER TABLE state_groups_state ALTER COLUMN type SET (n_distinct = 150, n_distinct_inherited = 150);
CREATE TABLE event_search (event_id TEXT, room_id TEXT, vector tsvector, origin_server_ts BIGINT, stream_ordering BIGINT);
CREATE INDEX event_search_fts_idx ON event_search USING gin(vector);
