CREATE SEQUENCE s;
CREATE TABLE d (
  a timestamptz DEFAULT now(),
  b timestamptz DEFAULT CURRENT_TIMESTAMP,
  c timestamptz DEFAULT ('now'::text)::timestamp with time zone,
  dt date DEFAULT CURRENT_DATE,
  e bigint DEFAULT nextval('s'::regclass),
  f integer DEFAULT -1,
  f2 numeric(10,2) DEFAULT -1.5,
  g boolean DEFAULT true,
  h boolean DEFAULT true,
  i boolean DEFAULT false,
  j jsonb DEFAULT '{}'::jsonb,
  j2 json DEFAULT '[]'::json,
  k text[] DEFAULT '{}'::text[],
  m uuid DEFAULT gen_random_uuid(),
  n text DEFAULT 'it''s a \ back',
  n2 varchar(10) DEFAULT 'x',
  o text DEFAULT NULL,
  real_diff integer DEFAULT 1
);
