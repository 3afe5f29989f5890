-- Matrix Synapse schema deltas over the years: the planner's n_distinct override on state_groups_state tuned (-0.05 to -0.02, set on a new column, reset on another), a receipts thread_id column whose unique index splits into two partial unique indexes, a stream sequence added, a BOOLEAN column added with DEFAULT FALSE NOT NULL, a column's SMALLINT flag kept, a table rebuilt with a new index.
CREATE TABLE schema_version (Lock CHAR(1) NOT NULL DEFAULT 'X' UNIQUE, version INTEGER NOT NULL, upgraded BOOL NOT NULL, CHECK (Lock='X'));
CREATE SEQUENCE events_stream_seq;
CREATE SEQUENCE receipts_sequence;
CREATE TABLE state_groups_state (state_group BIGINT, room_id TEXT, type TEXT, state_key TEXT, event_id TEXT);
ALTER TABLE ONLY state_groups_state ALTER COLUMN state_group SET (n_distinct=-0.02);
ALTER TABLE ONLY state_groups_state ALTER COLUMN event_id SET (n_distinct=-0.5, n_distinct_inherited=-0.5);
CREATE INDEX state_groups_state_type_idx ON state_groups_state USING btree (state_group, type, state_key);
CREATE TABLE receipts_linearized (stream_id BIGINT NOT NULL, room_id TEXT NOT NULL, receipt_type TEXT NOT NULL, user_id TEXT NOT NULL, event_id TEXT NOT NULL, data TEXT NOT NULL, thread_id TEXT);
CREATE UNIQUE INDEX receipts_linearized_unique_index ON receipts_linearized USING btree (room_id, receipt_type, user_id) WHERE (thread_id IS NULL);
CREATE UNIQUE INDEX receipts_linearized_uniqueness_thread ON receipts_linearized USING btree (room_id, receipt_type, user_id, thread_id) WHERE (thread_id IS NOT NULL);
CREATE TABLE users (name TEXT, password_hash TEXT, creation_ts BIGINT, admin SMALLINT DEFAULT 0 NOT NULL, is_guest SMALLINT DEFAULT 0 NOT NULL, locked BOOLEAN NOT NULL DEFAULT FALSE, UNIQUE(name));
CREATE INDEX users_creation_ts ON users USING btree (creation_ts);
