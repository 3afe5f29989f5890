-- A composite type's attribute retyped (and another's collation changed) while table columns, an array column and another composite use it: PostgreSQL refuses ALTER ATTRIBUTE TYPE then.
create schema geo;
create type geo.point3 as (x int, y int);
create type geo.seg as (a geo.point3, label text);
create table geo.shapes (id int primary key, p geo.point3, path geo.point3[], s geo.seg);
insert into geo.shapes values (1, row(1,2), array[row(4,5)::geo.point3], row(row(1,1), 'l'));
