-- Composite types used by table columns (plain and array) and by another composite: attributes added and dropped (CASCADE), comments added; their data must survive.
create schema geo;
create type geo.point3 as (x int, y int, z int);
create type geo.seg as (a geo.point3, b geo.point3, label text);
create table geo.shapes (id int primary key, p geo.point3, path geo.point3[], s geo.seg);
insert into geo.shapes values (1, row(1,2,3), array[row(4,5,6)::geo.point3], row(row(1,1,1), row(2,2,2), 'l'));
