-- Matrix Synapse's hand-written schema deltas: a one-row schema_version table with CHECK (Lock='X') and a UNIQUE on the lock column, applied_schema_deltas, stream-ordering sequences not owned by a column, events with a tsvector event_search table and GIN index, partial unique indexes WHERE x IS NOT NULL, state_groups_state with a (state_group, type, state_key) index, columns added later with DEFAULT, a BOOLEAN DEFAULT FALSE spelled in upper case, a view over receipts.
CREATE TABLE schema_version (Lock CHAR(1) NOT NULL DEFAULT 'X' UNIQUE, version INTEGER NOT NULL, upgraded BOOL NOT NULL, CHECK (Lock='X'));
CREATE TABLE schema_compat_version (Lock CHAR(1) NOT NULL DEFAULT 'X' UNIQUE, compat_version INTEGER NOT NULL, CHECK (Lock='X'));
CREATE TABLE applied_schema_deltas (version INTEGER NOT NULL, file TEXT NOT NULL, UNIQUE(version, file));
CREATE SEQUENCE events_stream_seq;
CREATE SEQUENCE events_backfill_stream_seq;
CREATE SEQUENCE device_inbox_sequence;
CREATE TABLE events (topological_ordering BIGINT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, room_id TEXT NOT NULL, content TEXT, unrecognized_keys TEXT, processed BOOLEAN NOT NULL, outlier BOOLEAN NOT NULL, depth BIGINT DEFAULT 0 NOT NULL, origin_server_ts BIGINT, received_ts BIGINT, sender TEXT, contains_url BOOLEAN, instance_name TEXT, stream_ordering BIGINT, state_key TEXT, rejection_reason TEXT, UNIQUE (event_id));
CREATE UNIQUE INDEX events_stream_ordering ON events USING btree (stream_ordering);
CREATE INDEX events_order_room ON events USING btree (room_id, topological_ordering, stream_ordering);
CREATE INDEX events_room_stream ON events USING btree (room_id, stream_ordering);
CREATE INDEX events_ts ON events USING btree (origin_server_ts, stream_ordering);
CREATE INDEX event_contains_url_index ON events USING btree (room_id, topological_ordering, stream_ordering) WHERE ((contains_url = true) AND (outlier = false));
CREATE TABLE event_search (event_id TEXT, room_id TEXT, sender TEXT, key TEXT, vector tsvector, origin_server_ts BIGINT, stream_ordering BIGINT);
CREATE INDEX event_search_fts_idx ON event_search USING gin(vector);
CREATE UNIQUE INDEX event_search_event_id_idx ON event_search(event_id);
CREATE INDEX event_search_ev_ridx ON event_search(room_id);
CREATE TABLE state_groups (id BIGINT PRIMARY KEY, room_id TEXT NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE state_groups_state (state_group BIGINT, room_id TEXT, type TEXT, state_key TEXT, event_id TEXT);
ALTER TABLE ONLY state_groups_state ALTER COLUMN state_group SET (n_distinct=-0.02);
CREATE INDEX state_groups_state_type_idx ON state_groups_state USING btree (state_group, type, state_key);
CREATE SEQUENCE state_group_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
CREATE TABLE receipts_linearized (stream_id BIGINT NOT NULL, room_id TEXT NOT NULL, receipt_type TEXT NOT NULL, user_id TEXT NOT NULL, event_id TEXT NOT NULL, thread_id TEXT, data TEXT NOT NULL, instance_name TEXT, event_stream_ordering BIGINT);
CREATE UNIQUE INDEX receipts_linearized_unique_index ON receipts_linearized USING btree (room_id, receipt_type, user_id) WHERE (thread_id IS NULL);
CREATE UNIQUE INDEX receipts_linearized_uniqueness_thread ON receipts_linearized USING btree (room_id, receipt_type, user_id, thread_id) WHERE (thread_id IS NOT NULL);
CREATE INDEX receipts_linearized_id ON receipts_linearized USING btree (stream_id);
CREATE TABLE users (name TEXT, password_hash TEXT, creation_ts BIGINT, admin SMALLINT DEFAULT 0 NOT NULL, upgrade_ts BIGINT, is_guest SMALLINT DEFAULT 0 NOT NULL, appservice_id TEXT, consent_version TEXT, consent_server_notice_sent TEXT, user_type TEXT, deactivated SMALLINT DEFAULT 0 NOT NULL, shadow_banned BOOLEAN, consent_ts BIGINT, approved BOOLEAN, locked BOOLEAN NOT NULL DEFAULT FALSE, suspended BOOLEAN DEFAULT FALSE NOT NULL, UNIQUE(name));
CREATE INDEX users_creation_ts ON users USING btree (creation_ts);
CREATE INDEX users_have_local_media ON users (name) WHERE deactivated = 0;
CREATE VIEW user_read_receipts AS
  SELECT r.user_id, r.room_id, max(r.event_stream_ordering) AS last_read
    FROM receipts_linearized r
   WHERE r.receipt_type IN ('m.read', 'm.read.private')
   GROUP BY r.user_id, r.room_id;
