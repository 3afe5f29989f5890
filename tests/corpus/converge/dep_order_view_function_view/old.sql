create table "Orders" (id int primary key, total numeric not null);
