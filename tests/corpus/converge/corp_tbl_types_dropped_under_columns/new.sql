create type size as enum ('small', 'big');
create domain qty as int check (value >= 0);
create table paint (id int primary key, c text default 'red', n int, m text, label size, qty qty);
