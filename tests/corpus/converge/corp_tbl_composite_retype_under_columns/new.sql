create schema geo;
create type geo.point3 as (x bigint, y int, w numeric(6,2));
create type geo.tag as (label text collate "C", n bigint);
create table geo.shapes (id int primary key, p geo.point3 default row(0, 0, null), path geo.point3[], t geo.tag);
create table public.more (id int primary key, t geo.tag);
comment on type geo.point3 is 'p3, wider';
comment on column geo.point3.y is 'y attr';
comment on column geo.point3.w is 'weight';
