create table a (id int);
create view v as select id from a;
