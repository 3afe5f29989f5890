create table t (id int primary key, name text, n int not null default 0, at timestamptz default now());
comment on column t.name is 'hello';
