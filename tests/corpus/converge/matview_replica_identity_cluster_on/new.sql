-- A materialized view's REPLICA IDENTITY and CLUSTER ON changed, its clustered index redefined
-- (created again, so marked again), and a new materialized view created with both.
CREATE TABLE src (id int NOT NULL, v int);
CREATE MATERIALIZED VIEW "Src Mv" AS SELECT id, v FROM src;
CREATE UNIQUE INDEX "Src Mv id" ON "Src Mv" (id);
CREATE INDEX "Src Mv v" ON "Src Mv" (v, id);
ALTER MATERIALIZED VIEW "Src Mv" REPLICA IDENTITY NOTHING;
ALTER MATERIALIZED VIEW "Src Mv" CLUSTER ON "Src Mv v";
CREATE MATERIALIZED VIEW "Nouvelle vue" AS SELECT id FROM src;
CREATE UNIQUE INDEX "Nouvelle id" ON "Nouvelle vue" (id);
ALTER MATERIALIZED VIEW "Nouvelle vue" REPLICA IDENTITY FULL;
ALTER MATERIALIZED VIEW "Nouvelle vue" CLUSTER ON "Nouvelle id";
