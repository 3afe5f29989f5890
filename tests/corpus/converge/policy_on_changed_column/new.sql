DO $$ BEGIN CREATE ROLE pgdrift_pol_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
create table users (id bigint primary key, org bigint not null);
alter table users enable row level security;
create policy by_org on users using (org = 1 and id > 0);
