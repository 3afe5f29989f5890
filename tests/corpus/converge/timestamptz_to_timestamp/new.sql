create table e (id int, at timestamp);
