-- GitLab structure.sql shapes (from memory): bigint ids from sequences OWNED BY with nextval defaults, varchar columns with CHECK (char_length) NOT VALID, trigram GIN indexes, partial indexes WHERE deleted_at IS NULL, DESC NULLS LAST, btree on lower(), a trigger function table_sync_*, integer[] columns with defaults, a partitioned audit table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE FUNCTION public.trigger_07c65f8b2a4a() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW."project_id_convert_to_bigint" := NEW."project_id"; RETURN NEW; END; $$;
CREATE TABLE public.projects (
  id bigint NOT NULL, name character varying, path character varying, description text, created_at timestamp without time zone,
  namespace_id bigint NOT NULL, archived boolean DEFAULT false NOT NULL, visibility_level integer DEFAULT 0 NOT NULL,
  star_count integer DEFAULT 0 NOT NULL, mirror_user_id integer, topics_cache text[] DEFAULT '{}'::text[] NOT NULL,
  project_id integer, project_id_convert_to_bigint bigint DEFAULT 0 NOT NULL, last_activity_at timestamp without time zone,
  CONSTRAINT check_fa75869cb1 CHECK ((char_length(description) <= 2000))
);
CREATE SEQUENCE public.projects_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.projects_id_seq OWNED BY public.projects.id;
ALTER TABLE ONLY public.projects ALTER COLUMN id SET DEFAULT nextval('public.projects_id_seq'::regclass);
ALTER TABLE ONLY public.projects ADD CONSTRAINT projects_pkey PRIMARY KEY (id);
ALTER TABLE public.projects ADD CONSTRAINT check_1a2b3c4d5e CHECK ((char_length((name)::text) <= 255)) NOT VALID;
CREATE INDEX index_projects_on_name_trigram ON public.projects USING gin (name gin_trgm_ops);
CREATE INDEX index_projects_on_path_trigram ON public.projects USING gin (path gin_trgm_ops);
CREATE INDEX index_projects_on_lower_name ON public.projects USING btree (lower((name)::text));
CREATE INDEX index_projects_on_last_activity_at_and_id ON public.projects USING btree (last_activity_at, id);
CREATE INDEX index_projects_on_star_count ON public.projects USING btree (star_count DESC NULLS LAST);
CREATE INDEX index_projects_api_vis20_path ON public.projects USING btree (path, id) WHERE (visibility_level = 20);
CREATE INDEX index_projects_on_mirror_user_id ON public.projects USING btree (mirror_user_id) WHERE (mirror_user_id IS NOT NULL);
CREATE TRIGGER trigger_07c65f8b2a4a BEFORE INSERT OR UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION public.trigger_07c65f8b2a4a();
CREATE TABLE public.namespaces (id integer NOT NULL, name character varying NOT NULL, path character varying NOT NULL, parent_id integer, traversal_ids integer[] DEFAULT '{}'::integer[] NOT NULL, type character varying(255) DEFAULT 'User'::character varying NOT NULL);
CREATE SEQUENCE public.namespaces_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.namespaces_id_seq OWNED BY public.namespaces.id;
ALTER TABLE ONLY public.namespaces ALTER COLUMN id SET DEFAULT nextval('public.namespaces_id_seq'::regclass);
ALTER TABLE ONLY public.namespaces ADD CONSTRAINT namespaces_pkey PRIMARY KEY (id);
CREATE INDEX index_namespaces_on_traversal_ids ON public.namespaces USING gin (traversal_ids);
CREATE UNIQUE INDEX index_namespaces_name_parent_id_type ON public.namespaces USING btree (name, parent_id, type);
ALTER TABLE ONLY public.projects ADD CONSTRAINT fk_6e5c14658a FOREIGN KEY (namespace_id) REFERENCES public.namespaces(id) ON DELETE CASCADE NOT VALID;
CREATE TABLE public.audit_events (id bigint NOT NULL, author_id integer NOT NULL, entity_id integer NOT NULL, entity_type character varying NOT NULL, details text, created_at timestamp without time zone NOT NULL, ip_address inet, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
CREATE TABLE public.audit_events_000000 PARTITION OF public.audit_events FOR VALUES FROM (MINVALUE) TO ('2024-01-01 00:00:00');
CREATE TABLE public.audit_events_202401 PARTITION OF public.audit_events FOR VALUES FROM ('2024-01-01 00:00:00') TO (MAXVALUE);
CREATE INDEX idx_audit_events_part_on_entity_id_desc_author_id_created_at ON public.audit_events USING btree (entity_id, entity_type, id DESC, author_id, created_at);
