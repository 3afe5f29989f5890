-- Domains: base type, default, NOT NULL, named checks, collation, comment; in two schemas; used by columns (also as arrays) and function arguments.
CREATE SCHEMA billing;
CREATE DOMAIN email AS text NOT NULL CONSTRAINT email_check CHECK (VALUE ~ '@') CONSTRAINT email_len CHECK (length(VALUE) < 200);
COMMENT ON DOMAIN email IS 'An e-mail address';
CREATE DOMAIN short_code AS varchar(8) COLLATE "C" DEFAULT 'x';
CREATE DOMAIN billing.cents AS bigint DEFAULT 0 CONSTRAINT cents_positive CHECK (VALUE >= 0);
CREATE DOMAIN billing.positive_cents AS billing.cents CHECK (VALUE > 0);
CREATE TABLE users (
  id bigint PRIMARY KEY,
  mail email,
  codes short_code[],
  balance billing.cents
);
CREATE TABLE billing.invoices (
  id bigint PRIMARY KEY,
  total billing.positive_cents NOT NULL,
  contact email
);
CREATE FUNCTION billing.double_it(c billing.cents) RETURNS billing.cents LANGUAGE sql AS $$ SELECT (c * 2)::billing.cents $$;
