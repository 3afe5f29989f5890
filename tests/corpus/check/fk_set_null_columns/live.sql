CREATE TABLE "Tenant Item" ("Tenant" int, id int, PRIMARY KEY ("Tenant", id));
CREATE TABLE "Tenant Ref" ("Tenant" int NOT NULL, "item ""no""" int DEFAULT 0,
  CONSTRAINT same FOREIGN KEY ("Tenant", "item ""no""") REFERENCES "Tenant Item" ON DELETE SET NULL ("item ""no"""),
  CONSTRAINT list_dropped FOREIGN KEY ("Tenant", "item ""no""") REFERENCES "Tenant Item" ON DELETE SET DEFAULT,
  CONSTRAINT list_added FOREIGN KEY ("Tenant", "item ""no""") REFERENCES "Tenant Item" ON DELETE SET NULL ("item ""no"""),
  CONSTRAINT list_changed FOREIGN KEY ("Tenant", "item ""no""") REFERENCES "Tenant Item" ON DELETE SET NULL ("Tenant"));
