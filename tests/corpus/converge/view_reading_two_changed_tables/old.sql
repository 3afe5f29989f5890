create table x (id int, v int);
create table y (id int, w timestamp);
create view xy as select x.id, x.v, y.w from x join y using (id);
create view xy_count as select count(*) as n from xy;
