create table b (id int, v text, constraint a_pkey primary key (id));
