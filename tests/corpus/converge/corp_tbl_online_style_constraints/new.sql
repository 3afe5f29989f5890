create table parent (id int primary key);
create table orders (
  id int primary key,
  parent_id int not null references parent,
  amount int check (amount > 0),
  sku text not null,
  note text
);
create index orders_sku on orders (sku, amount);
create unique index orders_note_uq on orders (lower(note));
create unique index orders_parent_sku on orders (parent_id, sku);
