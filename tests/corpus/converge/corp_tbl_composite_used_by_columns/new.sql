create schema geo;
create type geo.point3 as (x int, y int, w numeric(6,2));
create type geo.seg as (a geo.point3, b geo.point3, label text, weight int);
comment on type geo.point3 is 'a point, with a weight';
comment on column geo.point3.w is 'weight';
create table geo.shapes (id int primary key, p geo.point3, path geo.point3[], s geo.seg);
