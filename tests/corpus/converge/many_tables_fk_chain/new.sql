create table a (id int primary key);
create table b (id int primary key, a_id int references a(id));
create table c (id int primary key, b_id int references b(id));
create table d (id int primary key, c_id int references c(id), a_id int references a(id));
