-- Foreign keys: a composite key with MATCH FULL and ON UPDATE CASCADE, a self-reference DEFERRABLE INITIALLY DEFERRED, ON DELETE SET DEFAULT, ON DELETE SET NULL of a column list, a key to a UNIQUE NULLS NOT DISTINCT constraint, NOT VALID, and reserved-word and quoted names.
CREATE SCHEMA "FK";
CREATE TABLE "FK"."Order" ("Tenant" int, "order" int, ref text, PRIMARY KEY ("Tenant", "order"), CONSTRAINT ref_unique UNIQUE NULLS NOT DISTINCT (ref));
CREATE TABLE "FK".line ("Tenant" int DEFAULT 0, "order" int, "line" int, parent_line int, ref text, "user" int DEFAULT 1,
  PRIMARY KEY ("Tenant", "order", "line"),
  CONSTRAINT "line → order" FOREIGN KEY ("Tenant", "order") REFERENCES "FK"."Order" MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL ("order"),
  CONSTRAINT parent FOREIGN KEY ("Tenant", "order", parent_line) REFERENCES "FK".line ("Tenant", "order", "line") DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT by_ref FOREIGN KEY (ref) REFERENCES "FK"."Order" (ref) ON DELETE SET DEFAULT);
CREATE TABLE "FK"."user" (id int PRIMARY KEY);
ALTER TABLE "FK".line ADD CONSTRAINT "check" FOREIGN KEY ("user") REFERENCES "FK"."user" ON DELETE RESTRICT NOT VALID;
COMMENT ON CONSTRAINT parent ON "FK".line IS 'a tree of lines';
