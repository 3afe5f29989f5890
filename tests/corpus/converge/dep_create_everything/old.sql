create table keep (id int primary key);
