CREATE SCHEMA "Part Det";
CREATE TABLE "Part Det"."Events" (id bigint NOT NULL, at date NOT NULL, CONSTRAINT "Events id at" UNIQUE (id, at), CONSTRAINT at_sane CHECK (at > '1900-01-01')) PARTITION BY RANGE (at);
CREATE INDEX events_at ON "Part Det"."Events" (at);
CREATE TABLE "Part Det"."Events 2024" PARTITION OF "Part Det"."Events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE "Part Det".events_old (id bigint NOT NULL, at date NOT NULL);
