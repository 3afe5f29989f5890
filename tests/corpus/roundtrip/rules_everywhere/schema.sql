-- Rules on tables, partitioned tables and partitions, views and in another schema, under odd names: every enabled state, comments, INSTEAD NOTHING, several actions, WHERE, NOTIFY.
CREATE SCHEMA "Ränge ""S""";
CREATE TABLE "Ränge ""S""".events (id int, kind text, payload jsonb);
CREATE TABLE event_log (id int, kind text);
CREATE TABLE readings (at date NOT NULL, v numeric) PARTITION BY RANGE (at);
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW "Recent Events" AS SELECT id, kind FROM "Ränge ""S""".events WHERE kind <> 'old';
CREATE RULE "Ins ""Q"" ü" AS ON INSERT TO "Recent Events"
  DO INSTEAD (INSERT INTO "Ränge ""S""".events (id, kind) VALUES (new.id, new.kind);
              INSERT INTO event_log VALUES (new.id, new.kind); NOTIFY "Recent Events");
CREATE RULE events_keep AS ON DELETE TO "Ränge ""S""".events WHERE old.kind = 'keep' DO INSTEAD NOTHING;
CREATE RULE events_log AS ON UPDATE TO "Ränge ""S""".events DO ALSO INSERT INTO event_log VALUES (new.id, 'update');
ALTER TABLE "Ränge ""S""".events DISABLE RULE events_log;
CREATE RULE log_always AS ON DELETE TO event_log DO INSTEAD NOTHING;
ALTER TABLE event_log ENABLE ALWAYS RULE log_always;
CREATE RULE log_replica AS ON UPDATE TO event_log DO ALSO NOTIFY event_log;
ALTER TABLE event_log ENABLE REPLICA RULE log_replica;
COMMENT ON RULE log_replica ON event_log IS 'only while replicating';
CREATE RULE readings_frozen AS ON DELETE TO readings DO INSTEAD NOTHING;
CREATE RULE "2024 frozen" AS ON UPDATE TO readings_2024 DO INSTEAD NOTHING;
