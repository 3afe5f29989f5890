-- Indexes of every form, each changed: partial predicate, expression, INCLUDE, opclass, DESC NULLS FIRST, collation, gin/gist/brin/hash methods and their parameters, storage options.
create schema idx;
create table idx.t (
  id int primary key,
  name text, email text, body jsonb, loc point, ts timestamptz, n int, tags text[]
);
create index t_partial on idx.t (name) where n > 0;
create index t_expr on idx.t (lower(email));
create index t_incl on idx.t (n) include (name);
create index t_ops on idx.t (name text_pattern_ops);
create index t_order on idx.t (ts desc, n);
create index t_coll on idx.t (name collate "C");
create index t_gin on idx.t using gin (body);
create index t_gist on idx.t using gist (loc);
create index t_brin on idx.t using brin (ts) with (pages_per_range = 32);
create index t_hash on idx.t using hash (email);
create index t_fill on idx.t (n) with (fillfactor = 70);
create index t_gin_arr on idx.t using gin (tags);
create index t_gone on idx.t (email, name);
