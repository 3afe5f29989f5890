-- Integer and serial ids are flagged with their ceiling; bigint, uuid and text keys are not.
create table small_ids (id smallint primary key);
create table int_ids (id integer generated always as identity primary key);
create table serial_ids (id serial primary key);
create table big_ids (id bigint generated always as identity primary key);
create table uuid_ids (id uuid primary key);
create table natural_keys (code text primary key);
-- Foreign key columns: integer pointing at a key is flagged (also when the key is bigint);
-- integer pointing at a unique non-key column is not this rule's business.
create table refs (
    id bigint primary key,
    int_id integer references int_ids (id),
    big_id bigint references big_ids (id),
    narrow_big integer references big_ids (id),
    code integer unique
);
create table refs2 (id bigint primary key, code integer references refs (code));
create index on refs (int_id);
create index on refs (big_id);
create index on refs (narrow_big);
create index on refs2 (code);
