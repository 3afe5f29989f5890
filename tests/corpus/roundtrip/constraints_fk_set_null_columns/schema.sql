-- Foreign keys whose SET NULL / SET DEFAULT action names a column list (PostgreSQL 15), a detail the model does not have.
CREATE TABLE tenant_item (tenant int, id int, PRIMARY KEY (tenant, id));
CREATE TABLE tenant_ref (
    tenant int NOT NULL,
    item int,
    FOREIGN KEY (tenant, item) REFERENCES tenant_item ON DELETE SET NULL (item)
);
