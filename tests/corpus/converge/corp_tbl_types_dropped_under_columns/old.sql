-- User types dropped while the columns using them are retyped to built-in types in the same plan: an enum -> text, a domain -> its base, a composite -> jsonb-free text, a range -> two dates; and the reverse on another table (text -> a new enum, int -> a new domain).
create type color as enum ('red', 'green');
create domain posint as int check (value > 0);
create type money2 as (amount numeric, cur char(3));
create table paint (id int primary key, c color default 'red', n posint, m money2, label text, qty int);
insert into paint values (1, 'green', 5, row(1.5, 'EUR'), 'big', 3);
