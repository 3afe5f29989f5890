-- Columns added in every form to a table with rows: identity, generated, FK, CHECK, UNIQUE, volatile default, collation, enum array, domain, NOT NULL with a default, and a table added whose columns reference the new ones.
create type tier as enum ('free', 'pro');
create domain nonempty as text check (value <> '');
create table accounts (id int primary key);
create table plans (id int primary key);
insert into plans values (1);
insert into accounts values (1), (2);
