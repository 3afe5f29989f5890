create table purchases (id int primary key, ref text not null, note text);
create table keep (id int primary key, title text not null);
