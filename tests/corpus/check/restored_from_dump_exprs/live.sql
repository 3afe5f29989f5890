-- A check and a partial index as pg_dump writes them; PostgreSQL prints them differently once
-- restored (not a fixpoint). No drift must show.
CREATE TABLE t (
    id bigint,
    status character varying(10),
    CONSTRAINT t_status_check CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))
);
CREATE INDEX t_open_idx ON public.t USING btree (id) WHERE ((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]));
