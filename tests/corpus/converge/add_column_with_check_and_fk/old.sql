create table p (id int primary key);
create table t (id int);
