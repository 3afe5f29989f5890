CREATE SEQUENCE s1;
CREATE SEQUENCE s2;
CREATE TABLE r (
  a timestamptz DEFAULT now(),
  b timestamptz DEFAULT now(),
  c timestamp DEFAULT now(),
  d bigint DEFAULT nextval('s1'::regclass),
  e text[] DEFAULT '{}'::text[],
  f jsonb DEFAULT '{}'::jsonb,
  g text DEFAULT 'a''b',
  h integer DEFAULT 0,
  i timestamptz DEFAULT now(),
  j timestamptz DEFAULT now(),
  same timestamptz DEFAULT transaction_timestamp()
);
