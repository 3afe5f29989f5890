-- Updatable views: INSTEAD OF INSERT/UPDATE/DELETE row triggers on a view, an INSTEAD OF trigger on a view over a join, LOCAL and CASCADED check options stacked, security_barrier and security_invoker together; a view column default is covered by view_column_default (unsupported).
CREATE SCHEMA "View Ops";
CREATE TABLE "View Ops"."Base" (id int PRIMARY KEY, "Kind" text NOT NULL, qty int DEFAULT 0);
CREATE TABLE "View Ops".other (id int REFERENCES "View Ops"."Base", note text);
CREATE VIEW "View Ops".positive AS SELECT id, "Kind", qty FROM "View Ops"."Base" WHERE qty >= 0 WITH LOCAL CHECK OPTION;
CREATE VIEW "View Ops"."Big Ones" WITH (security_barrier = true, security_invoker = true) AS SELECT id, "Kind", qty FROM "View Ops".positive WHERE qty > 10 WITH CASCADED CHECK OPTION;
CREATE VIEW "View Ops".joined AS SELECT b.id, b."Kind", o.note FROM "View Ops"."Base" b JOIN "View Ops".other o USING (id);
CREATE FUNCTION "View Ops".joined_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN INSERT INTO "View Ops"."Base"(id, "Kind") VALUES (NEW.id, NEW."Kind"); INSERT INTO "View Ops".other VALUES (NEW.id, NEW.note); RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN UPDATE "View Ops".other SET note = NEW.note WHERE id = OLD.id; RETURN NEW;
  ELSE DELETE FROM "View Ops".other WHERE id = OLD.id; RETURN OLD; END IF;
END$$;
CREATE TRIGGER "Joined Insert" INSTEAD OF INSERT ON "View Ops".joined FOR EACH ROW EXECUTE FUNCTION "View Ops".joined_write();
CREATE TRIGGER joined_update INSTEAD OF UPDATE ON "View Ops".joined FOR EACH ROW EXECUTE FUNCTION "View Ops".joined_write();
CREATE TRIGGER joined_delete INSTEAD OF DELETE ON "View Ops".joined FOR EACH ROW EXECUTE FUNCTION "View Ops".joined_write();
COMMENT ON TRIGGER joined_delete ON "View Ops".joined IS 'deletes only the note';
