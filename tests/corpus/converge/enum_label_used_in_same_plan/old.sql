create type st as enum ('a');
create table t (id int);
