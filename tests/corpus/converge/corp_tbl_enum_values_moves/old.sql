-- Enums: values added first, in the middle (BEFORE/AFTER), last, odd labels, an enum in another schema with the same name, all in use by columns, arrays, defaults, indexes and checks.
create schema other;
create type status as enum ('open', 'closed');
create type other.status as enum ('x', 'z');
create table tickets (
  id int primary key,
  s status default 'open',
  hist status[] default '{}',
  o other.status,
  constraint not_closed check (s <> 'closed' or id > 0)
);
create index tickets_s on tickets (s) where s = 'open';
insert into tickets values (1, 'open', '{open,closed}', 'x'), (2, 'closed', '{}', 'z');
