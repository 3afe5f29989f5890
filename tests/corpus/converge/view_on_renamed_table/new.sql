create table b (id int);
create view v as select id from b;
