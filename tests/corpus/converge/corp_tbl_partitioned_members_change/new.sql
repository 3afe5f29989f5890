create table events (id bigint not null, at date not null, kind text not null default 'x', payload text, n bigint, constraint events_pkey primary key (id, at), constraint events_kind_at_key unique (kind, at), constraint events_n_check check (n > 0)) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create index events_kind on events (kind) where kind <> '';
create table refs (id int primary key, event_id bigint, event_at date, constraint refs_event_fk foreign key (event_id, event_at) references events (id, at));
comment on column events.payload is 'the payload';
comment on constraint events_n_check on events is 'positive';
