-- Rules: an updatable view through INSERT/UPDATE/DELETE rules, append-only tables, NOTIFY,
-- odd names; new.sql adds, redefines, disables, comments and drops them.
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE TABLE "Audit Log" (id int, what text, at timestamptz DEFAULT now());
CREATE VIEW live_items AS SELECT id, name FROM items WHERE NOT deleted;
CREATE RULE live_items_ins AS ON INSERT TO live_items
  DO INSTEAD INSERT INTO items (id, name) VALUES (new.id, new.name);
CREATE RULE live_items_del AS ON DELETE TO live_items
  DO INSTEAD UPDATE items SET deleted = true WHERE id = old.id;
CREATE RULE "Ärger ""quoted"" Rule" AS ON DELETE TO "Audit Log" DO INSTEAD NOTHING;
CREATE RULE items_gone AS ON DELETE TO items DO ALSO NOTIFY items_changed;
CREATE RULE items_changed AS ON UPDATE TO items DO ALSO NOTIFY items_changed;
COMMENT ON RULE items_changed ON items IS 'old comment';
