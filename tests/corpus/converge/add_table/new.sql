create table a (id int primary key);
create table b (id bigint generated always as identity primary key, name text not null default 'x', a_id int references a(id));
create index b_name_idx on b (name);
comment on table b is 'bees';
comment on column b.name is 'the name';
