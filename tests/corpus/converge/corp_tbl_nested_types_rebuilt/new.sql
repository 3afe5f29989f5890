create type lvl as enum ('lo', 'hi');
create type reading as (at date, level lvl);
create domain code5 as varchar(10);
create domain upper_code as code5 check (value = upper(value));
create table readings (id int primary key, r reading, c upper_code, l lvl);
