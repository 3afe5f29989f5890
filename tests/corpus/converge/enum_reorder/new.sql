create type mood as enum ('happy', 'ok', 'sad');
create table t (m mood);
