create type status as enum ('new', 'done');
create table parent (id bigint primary key, name text not null default '');
create table child (id bigint primary key, parent_id bigint constraint child_parent_fk references parent (id), qty bigint, note text, state status default 'done', created_at timestamptz default now());
create index child_qty_idx on child (qty);
create index child_note_idx on child (note);
create table audit (id bigint generated always as identity primary key, what text not null);
create view child_v as select id, qty from child;
