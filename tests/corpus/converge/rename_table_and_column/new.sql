create table b (id int, new_c text, constraint a_pkey primary key (id));
create index b_new_c on b (new_c);
