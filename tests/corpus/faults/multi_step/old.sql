create type status as enum ('new');
create table parent (id bigint primary key, name text);
create table child (id bigint primary key, parent_id bigint, qty int, note text, state status default 'new');
create view child_v as select id, qty from child;
