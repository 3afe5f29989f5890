create table limits (k text primary key, v int not null);
create function max_for(key text) returns int stable language sql
  begin atomic select v from limits where limits.k = key; end;
create function "Default Qty"() returns int stable language sql
  begin atomic select min(v) from limits; end;
create table orders (id int primary key, qty int default "Default Qty"() constraint qty_limit check (qty <= max_for('qty')));
create table "Returns" (id int primary key, qty int default "Default Qty"() check (qty <= max_for('qty')));
