create table booking (
  id int primary key,
  room int,
  during tsrange,
  cancelled boolean default false,
  constraint no_overlap exclude using gist (during with &&) where (cancelled is not true) deferrable initially deferred
);
create table slots (id int primary key, span int4range, constraint slots_span_excl exclude using gist (span with &&));
