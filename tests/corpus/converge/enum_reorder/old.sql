create type mood as enum ('sad', 'ok', 'happy');
create table t (m mood);
