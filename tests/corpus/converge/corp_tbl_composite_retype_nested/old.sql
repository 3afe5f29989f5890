-- A composite type retyped while another composite type a table column uses is built on it: both are rebuilt (the outer one parked as text around the inner one).
create type pt as (x int, y int);
create type seg as (a pt, label text);
create table shapes (id int primary key, s seg);
insert into shapes values (1, row(row(1, 2), 'l'));
