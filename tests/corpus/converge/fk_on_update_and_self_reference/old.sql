create table t (id int primary key, parent int);
