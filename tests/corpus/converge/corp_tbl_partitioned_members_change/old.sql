-- Columns, keys, checks and indexes changed on a partitioned table (they cascade to its partitions): a retype, NOT NULL, a default, a unique key with the partition key, a check, an index made partial, an FK to it, comments; rows kept.
create table events (id bigint not null, at date not null, kind text, payload varchar(50), n int, constraint events_pkey primary key (id, at)) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create index events_kind on events (kind);
create table refs (id int primary key, event_id bigint, event_at date);
insert into events values (1, '2024-05-01', 'a', 'p', 1), (2, '2025-05-01', 'b', 'q', 2);
