-- Enum labels added later with BEFORE/AFTER (fractional sort orders in pg_enum) and a renamed label: the order must survive the round trip.
CREATE TYPE stage AS ENUM ('draft', 'done');
ALTER TYPE stage ADD VALUE 'review' BEFORE 'done';
ALTER TYPE stage ADD VALUE 'idea' BEFORE 'draft';
ALTER TYPE stage ADD VALUE 'edited' AFTER 'draft';
ALTER TYPE stage ADD VALUE 'archived';
ALTER TYPE stage RENAME VALUE 'done' TO 'published';
CREATE TABLE article (s stage NOT NULL, history stage[]);
