-- A materialized view with REPLICA IDENTITY NOTHING and CLUSTER ON, another with FULL, in a quoted schema
-- (a matview's columns are nullable, so no index can be its identity).
CREATE SCHEMA "Rapports";
CREATE TABLE "Rapports".src (id int NOT NULL, v int);
CREATE MATERIALIZED VIEW "Rapports"."Src Mv" AS SELECT id, v FROM "Rapports".src;
CREATE UNIQUE INDEX "Src Mv id" ON "Rapports"."Src Mv" (id);
ALTER MATERIALIZED VIEW "Rapports"."Src Mv" REPLICA IDENTITY NOTHING;
ALTER MATERIALIZED VIEW "Rapports"."Src Mv" CLUSTER ON "Src Mv id";
CREATE MATERIALIZED VIEW "Rapports".full_mv AS SELECT v FROM "Rapports".src;
ALTER MATERIALIZED VIEW "Rapports".full_mv REPLICA IDENTITY FULL;
