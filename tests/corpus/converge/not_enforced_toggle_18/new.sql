create table parent (id int primary key);
create table child (id int primary key, parent_id int, other_id int, qty int,
  constraint qty_positive check (qty > 0) not enforced,
  constraint qty_small check (qty < 1000),
  constraint child_parent_fk foreign key (parent_id) references parent (id) not enforced,
  constraint child_other_fk foreign key (other_id) references parent (id),
  constraint qty_even check (qty % 2 = 0) not enforced);
