create type st as enum ('on', 'off');
create table t (a st, b text);
