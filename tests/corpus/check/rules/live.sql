CREATE TABLE users (id bigint PRIMARY KEY, name text, deleted boolean NOT NULL DEFAULT false);
CREATE TABLE log (id bigint, what text);
CREATE VIEW active_users AS SELECT id, name FROM users WHERE NOT deleted;
CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING;
CREATE RULE "Log Ü ""x""" AS ON UPDATE TO users WHERE old.name IS DISTINCT FROM new.name
  DO ALSO INSERT INTO log VALUES (new.id, 'renamed');
CREATE RULE active_users_ins AS ON INSERT TO active_users
  DO INSTEAD INSERT INTO users (id, name) VALUES (new.id, new.name);
COMMENT ON RULE active_users_ins ON active_users IS 'old text';
CREATE RULE log_append_only AS ON DELETE TO log DO INSTEAD NOTHING;
