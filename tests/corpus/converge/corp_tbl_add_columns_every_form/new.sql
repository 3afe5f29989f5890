create type tier as enum ('free', 'pro');
create domain nonempty as text check (value <> '');
create table plans (id int primary key);
create table accounts (
  id int primary key,
  seq_no bigint generated always as identity (start with 100),
  twice int generated always as (id * 2) stored,
  plan_id int references plans on delete set null,
  score int check (score between 0 and 10),
  handle text unique,
  created timestamptz not null default clock_timestamp(),
  name text collate "C" not null default 'anon',
  tiers tier[] not null default '{free}',
  label nonempty default 'l',
  code varchar(8) not null default ''
);
create table account_tags (account_id int references accounts, handle text references accounts (handle), tag text, primary key (account_id, tag));
