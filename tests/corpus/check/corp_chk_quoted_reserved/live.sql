CREATE TABLE "User" (
  id bigint PRIMARY KEY,
  "user" text,
  "order" integer,
  "metadata" jsonb,
  "timestamp" timestamptz,
  "Display Name" text,
  "group" text
);
CREATE TABLE "order" ("ID" bigint PRIMARY KEY, "User_id" bigint REFERENCES "User" (id));
CREATE INDEX "User_lower_name" ON "User" (lower("Display Name"));
COMMENT ON TABLE "User" IS 'People''s accounts';
COMMENT ON COLUMN "User"."user" IS 'Login, with a "quote"';
COMMENT ON COLUMN "User"."group" IS 'Old';
