-- A partitioned table referencing another partitioned table, row-level security with FORCE on a partitioned parent and on one partition, a policy whose USING reads another table through EXISTS and one calling a SECURITY DEFINER function.
DO $$ BEGIN CREATE ROLE "Tenant App"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "PRls";
CREATE TABLE "PRls".tenants (id int PRIMARY KEY, active boolean DEFAULT true);
CREATE TABLE "PRls".orders (tenant int NOT NULL, id bigint NOT NULL, PRIMARY KEY (tenant, id)) PARTITION BY LIST (tenant);
CREATE TABLE "PRls".orders_1 PARTITION OF "PRls".orders FOR VALUES IN (1);
CREATE TABLE "PRls".orders_rest PARTITION OF "PRls".orders DEFAULT;
CREATE TABLE "PRls".lines (tenant int NOT NULL, order_id bigint NOT NULL, n int, FOREIGN KEY (tenant, order_id) REFERENCES "PRls".orders ON DELETE CASCADE) PARTITION BY LIST (tenant);
CREATE TABLE "PRls".lines_1 PARTITION OF "PRls".lines FOR VALUES IN (1);
CREATE FUNCTION "PRls".current_tenant() RETURNS int LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$ SELECT nullif(current_setting('app.tenant', true), '')::int $$;
ALTER TABLE "PRls".orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PRls".orders FORCE ROW LEVEL SECURITY;
ALTER TABLE "PRls".orders_1 ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant isolation" ON "PRls".orders TO "Tenant App" USING (tenant = "PRls".current_tenant());
CREATE POLICY active_only ON "PRls".orders AS RESTRICTIVE FOR SELECT USING (EXISTS (SELECT 1 FROM "PRls".tenants t WHERE t.id = orders.tenant AND t.active));
CREATE POLICY p1 ON "PRls".orders_1 FOR ALL TO public USING (true) WITH CHECK (tenant = 1);
