create table limits (k text primary key, v int not null);
create table orders (id int primary key, qty int);
