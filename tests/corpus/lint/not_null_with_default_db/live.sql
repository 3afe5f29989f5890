create table t (
    id bigint generated always as identity primary key,
    required text not null,
    with_default text not null default '',
    optional text,
    total numeric generated always as (0) stored,
    code uuid not null default gen_random_uuid()
);
create table countries (code text primary key, label text not null);
