create type pt as (x bigint, y int);
create type seg as (a pt, label text);
create table shapes (id int primary key, s seg);
