create table a (id int primary key, code text unique);
create table b (id int, v int);
create table c (x int, y int, z int, constraint c_pkey primary key (x, y, z));
create table d (id int, e text, f text, constraint d_pk primary key (id) include (e), constraint d_e_key unique (e, f));
create table e (id int primary key, u int constraint e_u_key unique);
