create schema geo;
create type geo.pt as (x int, y int);
create table geo.places (id int primary key);
