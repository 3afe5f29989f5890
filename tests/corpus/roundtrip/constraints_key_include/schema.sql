-- Primary key and unique constraints with INCLUDE columns (covering indexes behind constraints).
CREATE TABLE covered (id int, code text, note text, extra int,
    CONSTRAINT covered_pkey PRIMARY KEY (id) INCLUDE (note),
    CONSTRAINT covered_code_key UNIQUE (code) INCLUDE (extra, note));
