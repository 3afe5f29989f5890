create table t (a timestamptz default now(), b text default 'it''s' || 'x', c int default (1 + 2));
