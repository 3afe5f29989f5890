-- A schema that follows every default rule: no finding.
create table genes (
    id bigint generated always as identity primary key,
    symbol text not null unique,
    created_at timestamptz not null default now()
);
create table evidence (
    id bigint generated always as identity primary key,
    gene_id bigint not null references genes (id) on delete cascade,
    key uuid not null default gen_random_uuid(),
    at timestamptz
);
create index evidence_gene_id_idx on evidence (gene_id);
