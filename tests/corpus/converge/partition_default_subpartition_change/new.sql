CREATE SCHEMA "Part Chg";
CREATE TABLE "Part Chg"."Events" (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL, UNIQUE (id, at, kind)) PARTITION BY RANGE (at);
CREATE TABLE "Part Chg"."Events 2024" PARTITION OF "Part Chg"."Events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE "Part Chg"."Events 2025" PARTITION OF "Part Chg"."Events" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (kind);
CREATE TABLE "Part Chg".e2025_click PARTITION OF "Part Chg"."Events 2025" FOR VALUES IN ('click', 'tap');
CREATE TABLE "Part Chg".e2025_rest PARTITION OF "Part Chg"."Events 2025" DEFAULT;
CREATE TABLE "Part Chg".events_default PARTITION OF "Part Chg"."Events" DEFAULT;
CREATE INDEX "Events kind" ON "Part Chg"."Events" (kind, at DESC);
