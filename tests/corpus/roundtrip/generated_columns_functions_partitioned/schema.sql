-- Generated columns: calling an immutable user function, reading quoted and reserved-word columns, a tsvector built from two columns with setweight, a generated column on a partitioned table and its partitions, a CHECK and an index on generated columns.
CREATE SCHEMA "Gen";
CREATE FUNCTION "Gen"."Slug"(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT lower(regexp_replace(t, '[^a-zA-Z0-9]+', '-', 'g')) $$;
CREATE TABLE "Gen"."Post" (id int PRIMARY KEY, "Title" text NOT NULL, "order" int, body text,
  slug text GENERATED ALWAYS AS ("Gen"."Slug"("Title")) STORED,
  "order x2" bigint GENERATED ALWAYS AS ("order"::bigint * 2) STORED CHECK ("order x2" >= 0),
  search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("Title", '')), 'A') || setweight(to_tsvector('simple', coalesce(body, '')), 'B')) STORED);
CREATE INDEX post_search ON "Gen"."Post" USING gin (search);
CREATE UNIQUE INDEX post_slug ON "Gen"."Post" (slug);
CREATE TABLE "Gen".metrics (at date NOT NULL, cents bigint, euros numeric GENERATED ALWAYS AS (cents / 100.0) STORED) PARTITION BY RANGE (at);
CREATE TABLE "Gen".metrics_2024 PARTITION OF "Gen".metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
