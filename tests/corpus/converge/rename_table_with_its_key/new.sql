create table b (id int primary key, v text);
