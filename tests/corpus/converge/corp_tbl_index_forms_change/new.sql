create schema idx;
create table idx.t (
  id int primary key,
  name text, email text, body jsonb, loc point, ts timestamptz, n int, tags text[]
);
create index t_partial on idx.t (name) where n > 0 and name <> '';
create index t_expr on idx.t (lower(email), upper(name));
create index t_incl on idx.t (n) include (name, email);
create index t_ops on idx.t (name varchar_pattern_ops);
create index t_order on idx.t (ts desc nulls last, n nulls first);
create index t_coll on idx.t (name collate "POSIX");
create index t_gin on idx.t using gin (body jsonb_path_ops);
create index t_gist on idx.t using gist (loc) with (buffering = on);
create index t_brin on idx.t using brin (ts) with (pages_per_range = 64, autosummarize = on);
create index t_hash on idx.t using btree (email);
create index t_fill on idx.t (n) with (fillfactor = 90);
create index t_gin_arr on idx.t using gin (tags) with (fastupdate = off);
create index "t new ""one""" on idx.t using hash (name);
