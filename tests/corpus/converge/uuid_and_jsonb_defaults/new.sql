create table t (id int, u uuid not null default gen_random_uuid(), j jsonb default '{}'::jsonb, tags text[] default '{}');
