create table t (id serial, a int);
