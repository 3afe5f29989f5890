-- Restored from a dump AND really different (a third value): the drift must still show.
CREATE TABLE t (
    id bigint,
    status character varying(10),
    CONSTRAINT t_status_check CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying, 'c'::character varying])::text[])))
);
