create type new_t as enum ('x', 'y');
create table t (v new_t);
