create table orders (id int primary key, code text not null, note text);
create table keep (id int primary key, label text not null);
