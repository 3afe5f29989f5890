create table "Tenant Item" ("Tenant" int, id int, primary key ("Tenant", id));
create table "Tenant Ref" ("Tenant" int not null, "item ""no""" int default 0,
  constraint gains foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set null,
  constraint loses foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set default ("item ""no"""),
  constraint moves foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set null ("Tenant"));
