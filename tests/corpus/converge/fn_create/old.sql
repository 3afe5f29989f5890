create table users (id bigint primary key, updated_at timestamptz);
