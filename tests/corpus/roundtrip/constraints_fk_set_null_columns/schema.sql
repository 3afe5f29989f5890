-- Foreign keys whose SET NULL / SET DEFAULT action names a column list (PostgreSQL 15), odd names included.
CREATE TABLE tenant_item (tenant int, id int, PRIMARY KEY (tenant, id));
CREATE TABLE tenant_ref (
    tenant int NOT NULL,
    item int,
    FOREIGN KEY (tenant, item) REFERENCES tenant_item ON DELETE SET NULL (item)
);
CREATE TABLE "Tenant Ref" (
    "Tenant" int NOT NULL,
    "item ""no"", (x)" int DEFAULT 0,
    CONSTRAINT "Odd FK" FOREIGN KEY ("Tenant", "item ""no"", (x)") REFERENCES tenant_item
        ON UPDATE CASCADE ON DELETE SET DEFAULT ("item ""no"", (x)")
);
