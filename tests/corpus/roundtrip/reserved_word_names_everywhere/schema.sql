-- Reserved words as names everywhere: a schema "select", tables "user" and "order", columns "group", "from", "limit", "default", an index "table", a view "view", a sequence "sequence", a function "where"(), a trigger "trigger", a type "type", a policy "policy".
CREATE SCHEMA "select";
CREATE TYPE "select"."type" AS ENUM ('check', 'default');
CREATE TABLE "select"."user" ("group" int PRIMARY KEY, "from" text, "limit" int DEFAULT 10, "default" "select"."type" DEFAULT 'default');
CREATE TABLE "select"."order" ("user" int REFERENCES "select"."user"("group"), "offset" int, CONSTRAINT "constraint" CHECK ("offset" >= 0));
CREATE INDEX "table" ON "select"."order" ("user", "offset");
CREATE VIEW "select"."view" AS SELECT u."group", u."from", o."offset" FROM "select"."user" u JOIN "select"."order" o ON o."user" = u."group";
CREATE SEQUENCE "select"."sequence";
CREATE FUNCTION "select"."where"("in" int) RETURNS int LANGUAGE sql AS $$ SELECT "in" + 1 $$;
CREATE FUNCTION "select"."trigger"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "trigger" BEFORE INSERT ON "select"."order" FOR EACH ROW EXECUTE FUNCTION "select"."trigger"();
ALTER TABLE "select"."user" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "policy" ON "select"."user" USING ("limit" > 0);
COMMENT ON COLUMN "select"."user"."from" IS 'from where';
