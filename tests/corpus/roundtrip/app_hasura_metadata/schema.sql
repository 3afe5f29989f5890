-- Hasura v2 metadata catalog and console-generated user DDL: hdb_catalog schema with a one-row unique index on a boolean expression, event_log with a partial NULLS FIRST fetch index, CHECK (status = ANY (ARRAY[...])), gen_hasura_uuid(), insert_event_log(), the console's set_current_timestamp_updated_at() trigger with a COMMENT ON TRIGGER, a notify_hasura_* trigger function, grants to a hasura role.
DO $$ BEGIN CREATE ROLE hasura_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA hdb_catalog;
CREATE FUNCTION hdb_catalog.gen_hasura_uuid() RETURNS uuid LANGUAGE sql AS $$select gen_random_uuid()$$;
CREATE TABLE hdb_catalog.hdb_version (hasura_uuid uuid DEFAULT hdb_catalog.gen_hasura_uuid() NOT NULL, version text NOT NULL, upgraded_on timestamp with time zone NOT NULL, cli_state jsonb DEFAULT '{}'::jsonb NOT NULL, console_state jsonb DEFAULT '{}'::jsonb NOT NULL, ee_client_id text, ee_client_secret text);
ALTER TABLE ONLY hdb_catalog.hdb_version ADD CONSTRAINT hdb_version_pkey PRIMARY KEY (hasura_uuid);
CREATE UNIQUE INDEX hdb_version_one_row ON hdb_catalog.hdb_version USING btree (((version IS NOT NULL)));
CREATE TABLE hdb_catalog.hdb_metadata (id integer NOT NULL PRIMARY KEY, metadata json NOT NULL, resource_version integer DEFAULT 1 NOT NULL UNIQUE);
CREATE TABLE hdb_catalog.event_log (id text DEFAULT hdb_catalog.gen_hasura_uuid() NOT NULL PRIMARY KEY, schema_name text NOT NULL, table_name text NOT NULL, trigger_name text NOT NULL, payload jsonb NOT NULL, delivered boolean DEFAULT false NOT NULL, error boolean DEFAULT false NOT NULL, tries integer DEFAULT 0 NOT NULL, created_at timestamp without time zone DEFAULT now(), locked timestamp with time zone, next_retry_at timestamp without time zone, archived boolean DEFAULT false NOT NULL);
CREATE INDEX event_log_trigger_name ON hdb_catalog.event_log (trigger_name);
CREATE INDEX event_log_fetch_events ON hdb_catalog.event_log (locked NULLS FIRST, next_retry_at NULLS FIRST, created_at) WHERE delivered = 'f' and error = 'f' and archived = 'f';
CREATE TABLE hdb_catalog.event_invocation_logs (id text DEFAULT hdb_catalog.gen_hasura_uuid() PRIMARY KEY, trigger_name text, event_id text, status integer, request json, response json, created_at timestamp DEFAULT now());
CREATE INDEX event_invocation_logs_event_id_idx ON hdb_catalog.event_invocation_logs (event_id);
CREATE TABLE hdb_catalog.hdb_cron_events (id TEXT DEFAULT hdb_catalog.gen_hasura_uuid() PRIMARY KEY, trigger_name TEXT NOT NULL, scheduled_time TIMESTAMPTZ NOT NULL, status TEXT NOT NULL DEFAULT 'scheduled', tries INTEGER NOT NULL DEFAULT 0, created_at TIMESTAMPTZ DEFAULT NOW(), next_retry_at TIMESTAMPTZ, CONSTRAINT valid_status CHECK (status IN ('scheduled','locked','delivered','error','dead')));
CREATE UNIQUE INDEX hdb_cron_events_unique_scheduled ON hdb_catalog.hdb_cron_events (trigger_name, scheduled_time) WHERE status = 'scheduled';
CREATE FUNCTION hdb_catalog.insert_event_log(schema_name text, table_name text, trigger_name text, op text, row_data json) RETURNS text LANGUAGE plpgsql AS $$
  DECLARE
    id text;
    payload json;
    session_variables json;
    server_version_num int;
    trace_context json;
  BEGIN
    id := gen_random_uuid();
    server_version_num := current_setting('server_version_num');
    IF server_version_num >= 90600 THEN
      session_variables := current_setting('hasura.user', 't');
      trace_context := current_setting('hasura.tracecontext', 't');
    ELSE
      BEGIN
        session_variables := current_setting('hasura.user');
      EXCEPTION WHEN OTHERS THEN
        session_variables := NULL;
      END;
    END IF;
    payload := json_build_object('op', op, 'data', row_data, 'session_variables', session_variables, 'trace_context', trace_context);
    INSERT INTO hdb_catalog.event_log (id, schema_name, table_name, trigger_name, payload) VALUES (id, schema_name, table_name, trigger_name, payload);
    RETURN id;
  END;
$$;
CREATE TABLE public.todos (id uuid DEFAULT gen_random_uuid() NOT NULL, title text NOT NULL, is_completed boolean DEFAULT false NOT NULL, created_at timestamp with time zone DEFAULT now() NOT NULL, updated_at timestamp with time zone DEFAULT now() NOT NULL, user_id text NOT NULL);
ALTER TABLE ONLY public.todos ADD CONSTRAINT todos_pkey PRIMARY KEY (id);
CREATE OR REPLACE FUNCTION public."set_current_timestamp_updated_at"()
RETURNS TRIGGER AS $$
DECLARE
  _new record;
BEGIN
  _new := NEW;
  _new."updated_at" = NOW();
  RETURN _new;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "set_public_todos_updated_at"
BEFORE UPDATE ON "public"."todos"
FOR EACH ROW
EXECUTE PROCEDURE "public"."set_current_timestamp_updated_at"();
COMMENT ON TRIGGER "set_public_todos_updated_at" ON "public"."todos"
IS 'trigger to set value of column "updated_at" to current timestamp on row update';
CREATE OR REPLACE FUNCTION hdb_catalog."notify_hasura_todo_created_INSERT"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    _old record;
    _new record;
    _data json;
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      _old := row(OLD );
      _new := row(NEW );
    ELSE
      _old := OLD;
      _new := NEW;
    END IF;
    _data := json_build_object('old', NULL, 'new', row_to_json(NEW ));
    PERFORM hdb_catalog.insert_event_log(CAST(TG_TABLE_SCHEMA AS text), CAST(TG_TABLE_NAME AS text), CAST('todo_created' AS text), TG_OP, _data);
    RETURN NULL;
  END;
$$;
CREATE TRIGGER "notify_hasura_todo_created_INSERT" AFTER INSERT ON public.todos FOR EACH ROW EXECUTE FUNCTION hdb_catalog."notify_hasura_todo_created_INSERT"();
GRANT USAGE ON SCHEMA hdb_catalog TO hasura_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hdb_catalog TO hasura_app;
GRANT SELECT, INSERT, UPDATE ON public.todos TO hasura_app;
