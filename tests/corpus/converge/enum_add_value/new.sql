create type mood as enum ('meh', 'sad', 'ok', 'happy', 'ecstatic');
create table t (m mood default 'sad');
