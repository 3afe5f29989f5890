-- pgschema's online/ and pg-schema-diff's cases on a table with rows: NOT NULL added, FK added, CHECK added, unique index added and changed, an index replaced by one of the same name, a PK added over an existing unique index's columns.
create table parent (id int primary key);
create table orders (
  id int not null,
  parent_id int,
  amount int,
  sku text,
  note text
);
create index orders_sku on orders (sku);
create unique index orders_note_uq on orders (note);
insert into parent values (1);
insert into orders values (1, 1, 5, 'a', 'n1'), (2, 1, 6, 'b', 'n2');
