create table a (id int primary key, v text);
