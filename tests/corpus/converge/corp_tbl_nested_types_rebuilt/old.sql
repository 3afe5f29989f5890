-- Rebuilds under types built on the rebuilt type: an enum losing a value while a composite type has an attribute of it, and a domain whose base type widens while another domain is built on it; both used by table columns with rows.
create type lvl as enum ('lo', 'mid', 'hi');
create type reading as (at date, level lvl);
create domain code5 as varchar(5);
create domain upper_code as code5 check (value = upper(value));
create table readings (id int primary key, r reading, c upper_code, l lvl);
insert into readings values (1, row('2020-01-01', 'hi'), 'AB', 'lo');
