create type st as enum ('on', 'off');
create table t (a text, b st);
