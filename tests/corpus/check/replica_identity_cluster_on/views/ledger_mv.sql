CREATE MATERIALIZED VIEW "Ledger mv" AS SELECT id FROM "Ledger ""Entries""";
CREATE UNIQUE INDEX "Ledger mv id" ON "Ledger mv" (id);
ALTER MATERIALIZED VIEW "Ledger mv" CLUSTER ON "Ledger mv id";
