create schema geo;
create schema money;
create domain money.cents as bigint check (value >= 0);
create type geo.pt as (x int, y int, price money.cents);
create type geo.span as range (subtype = money.cents);
create table geo.places (id int primary key, at geo.pt, price money.cents, prices geo.span);
create function geo.at_origin(p geo.pt) returns boolean language sql as $$ select p.x = 0 and p.y = 0 $$;
