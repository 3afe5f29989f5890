create schema geo;
create type geo.point3 as (x bigint, y int);
create type geo.seg as (a geo.point3, label text collate "C");
create table geo.shapes (id int primary key, p geo.point3, path geo.point3[], s geo.seg);
