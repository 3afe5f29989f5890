create type old_t as enum ('a');
