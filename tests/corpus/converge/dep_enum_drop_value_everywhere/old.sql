create type "Mood" as enum ('sad', 'ok', 'happy', 'gone');
create table t (id int primary key, m "Mood" not null default 'ok' check (m <> 'sad'));
create index t_happy on t (id) where m = 'happy';
create view v as select id, m from t where m <> 'gone';
alter table t enable row level security;
create policy p on t using (m <> 'sad');
insert into t values (1, 'ok'), (2, 'happy');
