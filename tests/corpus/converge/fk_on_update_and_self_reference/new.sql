create table t (id int primary key, parent int references t(id) on update cascade on delete set null);
