-- A Rails database behind its db/structure.sql: timestamps still without Rails 7's (6) precision, the enum missing a value added by a migration that never ran, an email column still character varying (citext declared), a unique index that is not unique, the fk_rails_ key without on_delete: :cascade.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE public.order_state AS ENUM ('pending', 'paid', 'refunded');
CREATE TABLE public.users (id bigserial PRIMARY KEY, email character varying NOT NULL, created_at timestamp without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL);
CREATE INDEX index_users_on_email ON public.users USING btree (email);
CREATE TABLE public.orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL, state public.order_state DEFAULT 'pending'::public.order_state NOT NULL, created_at timestamp(0) without time zone NOT NULL);
CREATE INDEX index_orders_on_user_id ON public.orders USING btree (user_id);
ALTER TABLE ONLY public.orders ADD CONSTRAINT fk_rails_f868b47f6a FOREIGN KEY (user_id) REFERENCES public.users(id);
