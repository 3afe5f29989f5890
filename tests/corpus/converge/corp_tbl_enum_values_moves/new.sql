create schema other;
create type status as enum ('new', 'open', 'in progress', 'closed', 'it''s "done"');
create type other.status as enum ('w', 'x', 'y', 'z', 'Ω');
create table tickets (
  id int primary key,
  s status default 'new',
  hist status[] default '{}',
  o other.status,
  constraint not_closed check (s <> 'closed' or id > 0)
);
create index tickets_s on tickets (s) where s = 'open';
