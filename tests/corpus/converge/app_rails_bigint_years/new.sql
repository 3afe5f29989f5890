-- Years of Rails migrations on one app: Rails 5.1's integer-to-bigint primary keys (the serial sequence AS integer widened too) and the referencing column, add_foreign_key's fk_rails_<hash> added, timestamp to timestamp(6) (Rails 7 precision), an enum grown by ADD VALUE in the middle, columns added at the end with defaults, an index renamed by rename_index, a partial index added, a leftover sequence of a removed feature dropped.
CREATE TYPE public.order_state AS ENUM ('pending', 'authorized', 'paid', 'refunded');
CREATE TABLE public.schema_migrations (version character varying NOT NULL PRIMARY KEY);
CREATE TABLE public.ar_internal_metadata (key character varying NOT NULL PRIMARY KEY, value character varying, created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL);
CREATE TABLE public.users (id bigint NOT NULL, email character varying DEFAULT ''::character varying NOT NULL, created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL, confirmed_at timestamp(6) without time zone, sign_in_count integer DEFAULT 0 NOT NULL);
CREATE SEQUENCE public.users_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX index_users_on_email ON public.users USING btree (email);
CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint, state public.order_state DEFAULT 'pending'::public.order_state NOT NULL, total_cents integer, created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL, currency character varying DEFAULT 'EUR'::character varying NOT NULL);
CREATE SEQUENCE public.orders_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;
ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
CREATE INDEX index_orders_on_buyer_id ON public.orders USING btree (user_id);
CREATE INDEX index_orders_on_state_refunded ON public.orders USING btree (created_at) WHERE (state = 'refunded'::public.order_state);
ALTER TABLE ONLY public.orders ADD CONSTRAINT fk_rails_f868b47f6a FOREIGN KEY (user_id) REFERENCES public.users(id);
