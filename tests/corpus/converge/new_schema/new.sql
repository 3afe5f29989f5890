create schema extra;
create table t (a int);
create table extra.x (id int primary key);
