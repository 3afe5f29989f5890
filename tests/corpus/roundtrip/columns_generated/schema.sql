-- Generated stored columns: arithmetic, string concatenation, coalesce, casts, CASE, and generated columns over odd column names.
CREATE TABLE gen (
    a int NOT NULL,
    b int,
    "Odd Name" text,
    total int GENERATED ALWAYS AS (a + coalesce(b, 0)) STORED,
    label text GENERATED ALWAYS AS ('#' || a::text || ' ' || coalesce("Odd Name", '')) STORED,
    ratio numeric(10,4) GENERATED ALWAYS AS (CASE WHEN b = 0 OR b IS NULL THEN NULL ELSE a::numeric / b END) STORED,
    upper_name text GENERATED ALWAYS AS (upper("Odd Name")) STORED,
    "Gen Größe" bigint GENERATED ALWAYS AS ((a * 2)::bigint) STORED NOT NULL
);
