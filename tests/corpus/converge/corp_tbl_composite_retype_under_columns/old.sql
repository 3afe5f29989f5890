-- Composite types retyped while table columns (plain, array, with a default, in two schemas) use them: PostgreSQL refuses ALTER ATTRIBUTE TYPE then, so the type is rebuilt and the columns converted, attributes dropped and added in place around it, comments kept.
create schema geo;
create type geo.point3 as (x int, y int, gone text);
create type geo.tag as (label text, n int);
create table geo.shapes (id int primary key, p geo.point3 default row(0, 0, null), path geo.point3[], t geo.tag);
create table public.more (id int primary key, t geo.tag);
comment on type geo.point3 is 'p3';
comment on column geo.point3.y is 'y attr';
insert into geo.shapes values (1, row(1, 2, 'g'), array[row(4, 5, null)::geo.point3, null], row('l', 7)), (2, null, null, null);
insert into public.more values (1, row('m', 8));
