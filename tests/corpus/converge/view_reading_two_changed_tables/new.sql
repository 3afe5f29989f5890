create table x (id int, v bigint);
create table y (id int, w timestamptz);
create view xy as select x.id, x.v, y.w from x join y using (id);
create view xy_count as select count(*) as n from xy;
