create table "Tenant Item" ("Tenant" int, id int, primary key ("Tenant", id));
create table "Tenant Ref" ("Tenant" int not null, "item ""no""" int default 0,
  constraint gains foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set null ("item ""no"""),
  constraint loses foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set default,
  constraint moves foreign key ("Tenant", "item ""no""") references "Tenant Item" on delete set null ("item ""no"""));
create table fresh ("T" int, i int,
  foreign key ("T", i) references "Tenant Item" on delete set default (i));
