create type st as enum ('a', 'b');
create table t (id int, s st not null default 'b');
create table u (s st default 'b' check (s <> 'a'));
