CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE TABLE "Audit Log" (id int, what text, at timestamptz DEFAULT now());
CREATE VIEW live_items AS SELECT id, name FROM items WHERE NOT deleted;
CREATE RULE live_items_ins AS ON INSERT TO live_items
  DO INSTEAD INSERT INTO items (id, name) VALUES (new.id, new.name);
-- Redefined: the delete through the view now also logs (several actions).
CREATE RULE live_items_del AS ON DELETE TO live_items
  DO INSTEAD (UPDATE items SET deleted = true WHERE id = old.id;
              INSERT INTO "Audit Log" (id, what) VALUES (old.id, 'deleted'));
-- New: updates through the view, with a WHERE condition.
CREATE RULE live_items_upd AS ON UPDATE TO live_items WHERE new.name <> old.name
  DO INSTEAD UPDATE items SET name = new.name WHERE id = old.id;
CREATE RULE "Ärger ""quoted"" Rule" AS ON DELETE TO "Audit Log" DO INSTEAD NOTHING;
CREATE RULE "Audit Log no update" AS ON UPDATE TO "Audit Log" DO INSTEAD NOTHING;
ALTER TABLE "Audit Log" DISABLE RULE "Audit Log no update";
-- items_gone dropped; items_changed disabled for replicas only, commented anew.
CREATE RULE items_changed AS ON UPDATE TO items DO ALSO NOTIFY items_changed;
ALTER TABLE items ENABLE REPLICA RULE items_changed;
COMMENT ON RULE items_changed ON items IS 'new comment';
