create type kind as enum ('x', 'y');
create table base (id int primary key);
create table item (id int primary key, base_id int not null references base(id) on delete cascade, k kind not null default 'x', qty int check (qty >= 0));
create index item_base on item (base_id);
