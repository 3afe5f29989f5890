-- Index forms: opclass parameters (tsvector_ops siglen), gin jsonb_path_ops, brin with pages_per_range and autosummarize, spgist on inet and text, hash, expression with COLLATE and DESC NULLS FIRST, INCLUDE with a partial predicate, NULLS NOT DISTINCT, an index on a reserved-word column, per-index fillfactor and deduplicate_items.
CREATE SCHEMA "Idx Forms";
CREATE TABLE "Idx Forms"."Docs" (id bigint PRIMARY KEY, body tsvector, meta jsonb, at timestamptz, addr inet, "user" text, "Title" text, code text, sha bytea);
CREATE INDEX docs_body ON "Idx Forms"."Docs" USING gist (body tsvector_ops (siglen = 100));
CREATE INDEX docs_meta ON "Idx Forms"."Docs" USING gin (meta jsonb_path_ops) WITH (fastupdate = off);
CREATE INDEX docs_at ON "Idx Forms"."Docs" USING brin (at) WITH (pages_per_range = 32, autosummarize = on);
CREATE INDEX docs_addr ON "Idx Forms"."Docs" USING spgist (addr);
CREATE INDEX docs_user_sp ON "Idx Forms"."Docs" USING spgist ("user");
CREATE INDEX docs_sha ON "Idx Forms"."Docs" USING hash (sha);
CREATE INDEX "Docs Title ci" ON "Idx Forms"."Docs" (lower("Title") COLLATE "C" DESC NULLS FIRST, id);
CREATE UNIQUE INDEX docs_code_open ON "Idx Forms"."Docs" (code) INCLUDE ("Title", at) WHERE code IS NOT NULL AND at > '2020-01-01';
CREATE UNIQUE INDEX docs_user_nnd ON "Idx Forms"."Docs" ("user") NULLS NOT DISTINCT WITH (fillfactor = 80, deduplicate_items = off);
CREATE INDEX "select" ON "Idx Forms"."Docs" ("user" text_pattern_ops, (meta ->> 'kind'));
COMMENT ON INDEX "Idx Forms"."Docs Title ci" IS 'case-insensitive title';
