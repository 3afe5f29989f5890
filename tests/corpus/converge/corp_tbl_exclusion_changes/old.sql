-- Exclusion constraints on ranges: added, dropped, WHERE changed, made deferrable, and one added to a table that had none.
create table booking (
  id int primary key,
  room int,
  during tsrange,
  cancelled boolean default false,
  constraint no_overlap exclude using gist (during with &&) where (not cancelled),
  constraint gone_excl exclude using gist (during with &&, during with =)
);
create table slots (id int primary key, span int4range);
