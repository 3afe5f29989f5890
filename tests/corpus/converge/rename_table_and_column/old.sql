create table a (id int primary key, old_c text);
create index a_old_c on a (old_c);
