CREATE EXTENSION citext;
CREATE SCHEMA billing;
CREATE TYPE billing.state AS ENUM ('open', 'paid');
CREATE TYPE "Mood" AS ENUM ('happy', 'sad');
CREATE DOMAIN billing.cents AS bigint CHECK (VALUE >= 0);
CREATE DOMAIN "PosInt" AS integer CHECK (VALUE > 0);
CREATE TABLE public.invoices (
  id bigint PRIMARY KEY,
  mail citext,
  mails citext[],
  st billing.state DEFAULT 'open'::billing.state,
  sts billing.state[],
  mood "Mood",
  moods "Mood"[],
  total billing.cents,
  qty "PosInt",
  uid uuid DEFAULT gen_random_uuid(),
  real_diff billing.state
);
