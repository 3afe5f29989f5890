-- Supabase realtime and vault schemas: enums and composite types used as arrays, regclass and regrole columns, a STORED generated column calling an IMMUTABLE SQL function, timezone('utc', now()) defaults, a BEFORE INSERT OR UPDATE check trigger, partial unique index, a SECURITY-barrier-free decrypted view, extensions schema, grants to service_role/anon with revokes from PUBLIC.
DO $$ BEGIN CREATE ROLE anon NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE authenticated NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE service_role NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS vault;
CREATE TYPE realtime.action AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
CREATE TYPE realtime.equality_op AS ENUM ('eq', 'neq', 'lt', 'lte', 'gt', 'gte');
ALTER TYPE realtime.equality_op ADD VALUE 'in';
CREATE TYPE realtime.user_defined_filter AS (column_name text, op realtime.equality_op, value text);
CREATE TYPE realtime.wal_column AS (name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
CREATE TYPE realtime.wal_rls AS (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);
CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole LANGUAGE sql IMMUTABLE AS $$ select role_name::regrole $$;
CREATE TABLE realtime.schema_migrations (version bigint NOT NULL PRIMARY KEY, inserted_at timestamp(0) without time zone);
CREATE TABLE realtime.subscription (
    id bigint NOT NULL,
    subscription_id uuid NOT NULL,
    entity regclass NOT NULL,
    filters realtime.user_defined_filter[] DEFAULT '{}'::realtime.user_defined_filter[] NOT NULL,
    claims jsonb NOT NULL,
    claims_role regrole GENERATED ALWAYS AS (realtime.to_regrole((claims ->> 'role'::text))) STORED NOT NULL,
    created_at timestamp without time zone DEFAULT timezone('utc'::text, now()) NOT NULL
);
ALTER TABLE realtime.subscription ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME realtime.subscription_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);
ALTER TABLE ONLY realtime.subscription ADD CONSTRAINT pk_subscription PRIMARY KEY (id);
CREATE INDEX ix_realtime_subscription_entity ON realtime.subscription USING btree (entity);
CREATE UNIQUE INDEX subscription_subscription_id_entity_filters_key ON realtime.subscription USING btree (subscription_id, entity, filters);
CREATE FUNCTION realtime.subscription_check_filters() RETURNS trigger LANGUAGE plpgsql AS $$
    declare
        col_names text[] = coalesce(array_agg(c.column_name order by c.ordinal_position), '{}'::text[]) from information_schema.columns c where format('%I.%I', c.table_schema, c.table_name)::regclass = new.entity;
        filter realtime.user_defined_filter;
    begin
        for filter in select * from unnest(new.filters) loop
            if not filter.column_name = any(col_names) then
                raise exception 'invalid column for filter %', filter.column_name;
            end if;
        end loop;
        new.filters = coalesce(array_agg(f order by f.column_name, f.op, f.value), '{}') from unnest(new.filters) f;
        return new;
    end;
$$;
CREATE TRIGGER tr_check_filters BEFORE INSERT OR UPDATE ON realtime.subscription FOR EACH ROW EXECUTE FUNCTION realtime.subscription_check_filters();
CREATE FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) RETURNS text LANGUAGE sql AS $$
  select 'prepare ' || prepared_statement_name || ' as select exists(select 1 from ' || entity || ' where ' || string_agg(quote_ident(c.name) || '=' || quote_nullable(c.value #>> '{}') || '::' || c.type_name, ' and ') || ')' from unnest(columns) c where c.is_pkey
$$;
CREATE TABLE vault.secrets (id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY, name text, description text DEFAULT ''::text NOT NULL, secret text NOT NULL, key_id uuid, nonce bytea, created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL, updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL);
COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets USING btree (name) WHERE (name IS NOT NULL);
CREATE VIEW vault.decrypted_secrets AS
 SELECT id, name, description, secret,
    convert_from(decode(secret, 'base64'::text), 'utf8'::name) AS decrypted_secret,
    key_id, nonce, created_at, updated_at
   FROM vault.secrets;
REVOKE ALL ON TABLE vault.secrets FROM PUBLIC;
REVOKE ALL ON TABLE vault.decrypted_secrets FROM PUBLIC;
GRANT SELECT, DELETE ON TABLE vault.secrets TO service_role;
GRANT SELECT ON TABLE vault.decrypted_secrets TO service_role;
GRANT USAGE ON SCHEMA realtime TO anon, authenticated, service_role;
GRANT SELECT ON realtime.subscription TO authenticated;
GRANT ALL ON FUNCTION realtime.to_regrole(text) TO service_role;
REVOKE EXECUTE ON FUNCTION realtime.build_prepared_statement_sql(text, regclass, realtime.wal_column[]) FROM PUBLIC;
