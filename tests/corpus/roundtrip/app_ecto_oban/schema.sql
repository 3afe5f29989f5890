-- Ecto/Phoenix (phx.gen.auth) with Oban: bigserial ids with PRIMARY KEY at the end, citext emails, timestamp(0) inserted_at/updated_at, CONSTRAINT "x_fkey" inline REFERENCES, schema_migrations(version bigint), Oban's job state enum, named CHECK constraints, GIN indexes on args/meta, an UNLOGGED oban_peers table, the table comment Oban uses to store its migration version, a NOTIFY trigger.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE "schema_migrations" ("version" bigint, "inserted_at" timestamp(0), PRIMARY KEY ("version"));
CREATE TABLE "users" ("id" bigserial, "email" citext NOT NULL, "hashed_password" varchar(255) NOT NULL, "confirmed_at" timestamp(0), "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "users_email_index" ON "users" ("email");
CREATE TABLE "users_tokens" ("id" bigserial, "user_id" bigint NOT NULL CONSTRAINT "users_tokens_user_id_fkey" REFERENCES "users"("id") ON DELETE CASCADE, "token" bytea NOT NULL, "context" varchar(255) NOT NULL, "sent_to" varchar(255), "inserted_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
CREATE INDEX "users_tokens_user_id_index" ON "users_tokens" ("user_id");
CREATE UNIQUE INDEX "users_tokens_context_token_index" ON "users_tokens" ("context", "token");
CREATE TABLE "articles" ("id" uuid, "title" varchar(255), "body" text, "author_id" bigint CONSTRAINT "articles_author_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "tags" varchar(255)[] DEFAULT ARRAY[]::varchar[], "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
ALTER TABLE "articles" ADD COLUMN "published_at" timestamp(0) with time zone, ADD COLUMN "view_count" integer DEFAULT 0 NOT NULL;
CREATE INDEX "articles_author_id_index" ON "articles" ("author_id");
CREATE INDEX "articles_tags_index" ON "articles" USING gin ("tags");
CREATE TYPE public.oban_job_state AS ENUM ('available', 'scheduled', 'executing', 'retryable', 'completed', 'discarded');
ALTER TYPE public.oban_job_state ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'discarded';
CREATE TABLE public.oban_jobs (id bigserial PRIMARY KEY, state public.oban_job_state NOT NULL DEFAULT 'available', queue text NOT NULL DEFAULT 'default', worker text NOT NULL, args jsonb NOT NULL DEFAULT '{}', errors jsonb[] NOT NULL DEFAULT ARRAY[]::jsonb[], attempt integer NOT NULL DEFAULT 0, max_attempts integer NOT NULL DEFAULT 20, inserted_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()), scheduled_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()), attempted_at timestamp without time zone, completed_at timestamp without time zone, attempted_by text[], discarded_at timestamp without time zone, priority integer NOT NULL DEFAULT 0, tags character varying(255)[] DEFAULT ARRAY[]::character varying[], meta jsonb DEFAULT '{}'::jsonb, cancelled_at timestamp without time zone,
  CONSTRAINT attempt_range CHECK (((attempt >= 0) AND (attempt <= max_attempts))),
  CONSTRAINT positive_max_attempts CHECK ((max_attempts > 0)),
  CONSTRAINT queue_length CHECK (((char_length(queue) > 0) AND (char_length(queue) < 128))),
  CONSTRAINT worker_length CHECK (((char_length(worker) > 0) AND (char_length(worker) < 128))),
  CONSTRAINT non_negative_priority CHECK ((priority >= 0)) NOT VALID);
COMMENT ON TABLE public.oban_jobs IS '12';
CREATE INDEX oban_jobs_args_index ON public.oban_jobs USING gin (args);
CREATE INDEX oban_jobs_meta_index ON public.oban_jobs USING gin (meta);
CREATE INDEX oban_jobs_state_queue_priority_scheduled_at_id_index ON public.oban_jobs USING btree (state, queue, priority, scheduled_at, id);
CREATE UNLOGGED TABLE public.oban_peers (name text NOT NULL PRIMARY KEY, node text NOT NULL, started_at timestamp without time zone NOT NULL, expires_at timestamp without time zone NOT NULL);
CREATE FUNCTION public.oban_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  channel text;
  notice json;
BEGIN
  IF NEW.state = 'available' THEN
    channel = 'public.oban_insert';
    notice = json_build_object('queue', NEW.queue);
    PERFORM pg_notify(channel, notice::text);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER oban_notify AFTER INSERT ON public.oban_jobs FOR EACH ROW EXECUTE PROCEDURE public.oban_jobs_notify();
