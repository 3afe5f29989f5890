-- Indexes: partial, expression, INCLUDE, DESC NULLS FIRST / ASC NULLS LAST, multi-column, unique, unique NULLS NOT DISTINCT, opclass, collation, gin/gist/hash/brin/spgist.
CREATE TABLE docs (
    id int PRIMARY KEY,
    title text,
    body text,
    tags text[],
    meta jsonb,
    tsv tsvector,
    during tstzrange,
    loc point,
    created timestamptz,
    score numeric,
    deleted boolean DEFAULT false
);
CREATE INDEX docs_partial ON docs (title) WHERE NOT deleted;
CREATE INDEX docs_expr ON docs (lower(title), (score * 2));
CREATE INDEX docs_include ON docs (created) INCLUDE (title, score);
CREATE INDEX docs_desc ON docs (created DESC NULLS FIRST, score ASC NULLS LAST, id DESC);
CREATE INDEX docs_nulls_first_asc ON docs (score NULLS FIRST);
CREATE UNIQUE INDEX docs_unique ON docs (title, created);
CREATE UNIQUE INDEX docs_unique_nnd ON docs (body) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX docs_unique_partial ON docs (lower(title)) WHERE deleted IS FALSE AND score > 0;
CREATE INDEX docs_pattern ON docs (body text_pattern_ops);
CREATE INDEX docs_collate ON docs (title COLLATE "C" DESC);
CREATE INDEX docs_gin_tags ON docs USING gin (tags);
CREATE INDEX docs_gin_meta ON docs USING gin (meta jsonb_path_ops);
CREATE INDEX docs_gin_tsv ON docs USING gin (tsv);
CREATE INDEX docs_gist_range ON docs USING gist (during);
CREATE INDEX docs_gist_point ON docs USING gist (loc);
CREATE INDEX docs_hash ON docs USING hash (title);
CREATE INDEX docs_brin ON docs USING brin (created);
CREATE INDEX docs_spgist ON docs USING spgist (body);
CREATE INDEX docs_expr_cast ON docs (((meta ->> 'id')::int)) WHERE meta ? 'id';
CREATE INDEX "Docs Odd ""Name""" ON docs (id) INCLUDE (deleted) WHERE title LIKE 'it''s%';
