-- Mastodon schema shapes (from memory): timestamp_id() default from a plpgsql function with a sequence, unique expression index on lower(username) and COALESCE(lower(domain), ''), a materialized view with a unique index, bigint[] columns, a partial index WHERE (reblog_of_id IS NULL) ordering DESC, NULLS FIRST index.
CREATE SEQUENCE public.statuses_id_seq;
CREATE FUNCTION public.timestamp_id(table_name text) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE time_part bigint; sequence_base bigint; tail bigint;
  BEGIN
    time_part := (date_part('epoch', now()) * 1000)::bigint << 16;
    sequence_base := ('x' || substr(md5(table_name || 'salt'), 1, 4))::bit(16)::bigint;
    tail := (sequence_base + nextval(table_name || '_id_seq')) & 65535;
    RETURN time_part | tail;
  END $$;
CREATE TABLE public.accounts (id bigint NOT NULL PRIMARY KEY, username character varying DEFAULT ''::character varying NOT NULL, domain character varying, note text DEFAULT ''::text NOT NULL, created_at timestamp(6) without time zone NOT NULL, suspended_at timestamp without time zone, fields jsonb, also_known_as character varying[], discoverable boolean, indexable boolean DEFAULT false NOT NULL);
CREATE UNIQUE INDEX index_accounts_on_username_and_domain_lower ON public.accounts USING btree (lower((username)::text), COALESCE(lower((domain)::text), ''::text));
CREATE INDEX index_accounts_on_domain_and_id ON public.accounts USING btree (domain, id);
CREATE INDEX index_accounts_on_uri ON public.accounts USING btree (domain NULLS FIRST) WHERE (suspended_at IS NULL);
CREATE TABLE public.statuses (id bigint DEFAULT public.timestamp_id('statuses'::text) NOT NULL PRIMARY KEY, uri character varying, text text DEFAULT ''::text NOT NULL, created_at timestamp without time zone NOT NULL, in_reply_to_id bigint, reblog_of_id bigint, account_id bigint NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE, ordered_media_attachment_ids bigint[], deleted_at timestamp without time zone, visibility integer DEFAULT 0 NOT NULL);

CREATE INDEX index_statuses_on_account_id_desc ON public.statuses USING btree (account_id, id DESC, visibility) WHERE (deleted_at IS NULL);
CREATE INDEX index_statuses_public_20231213 ON public.statuses USING btree (id DESC, account_id) WHERE ((deleted_at IS NULL) AND (visibility = 0) AND (reblog_of_id IS NULL));
ALTER TABLE ONLY public.statuses ADD CONSTRAINT fk_rails_256483a9ab FOREIGN KEY (reblog_of_id) REFERENCES public.statuses(id) ON DELETE CASCADE;
CREATE MATERIALIZED VIEW public.account_summaries AS
 SELECT accounts.id AS account_id, mode() WITHIN GROUP (ORDER BY t0.language) AS language, count(*) AS n
   FROM public.accounts CROSS JOIN LATERAL (SELECT statuses.account_id, 'en'::text AS language FROM public.statuses WHERE statuses.account_id = accounts.id AND statuses.deleted_at IS NULL ORDER BY statuses.id DESC LIMIT 20) t0
  WHERE accounts.suspended_at IS NULL
  GROUP BY accounts.id
  WITH NO DATA;
CREATE UNIQUE INDEX index_account_summaries_on_account_id ON public.account_summaries USING btree (account_id);
