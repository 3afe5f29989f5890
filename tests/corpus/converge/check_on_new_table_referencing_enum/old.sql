create table base (id int primary key);
