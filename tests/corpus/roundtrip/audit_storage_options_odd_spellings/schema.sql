-- Issue 13 audit, storage and options in odd spellings: UNLOGGED, WITH (FILLFACTOR = 70, AUTOVACUUM_ENABLED = OFF), index WITH options, column STORAGE and COMPRESSION, view options (security_barrier, security_invoker, LOCAL CHECK OPTION), a materialized view with storage parameters and an index with options.
CREATE SCHEMA "Opt";
CREATE UNLOGGED TABLE "Opt"."Scratch Pad" (id INT4 PRIMARY KEY, body TEXT COMPRESSION pglz, blob BYTEA) WITH (FILLFACTOR = 70, AUTOVACUUM_ENABLED = OFF);
ALTER TABLE "Opt"."Scratch Pad" ALTER COLUMN blob SET STORAGE EXTERNAL, ALTER COLUMN body SET STORAGE MAIN;
CREATE INDEX "Scratch body" ON "Opt"."Scratch Pad" USING btree (body) WITH (FILLFACTOR = 50, deduplicate_items = OFF);
CREATE TABLE "Opt".items (id int4, kind CHARACTER VARYING(5));
CREATE VIEW "Opt"."Only A" WITH (security_barrier = TRUE, security_invoker = on) AS
  SELECT id, kind FROM "Opt".items WHERE kind IN ('a', 'A') WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW "Opt"."Kind Counts" WITH (FILLFACTOR = 60) AS
  SELECT kind, count(*) AS n FROM "Opt".items GROUP BY kind WITH NO DATA;
CREATE INDEX kind_counts_kind ON "Opt"."Kind Counts" (kind) WITH (fillfactor = 80);
