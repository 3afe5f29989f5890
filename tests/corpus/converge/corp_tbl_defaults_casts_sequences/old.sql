-- Defaults with casts, functions, intervals, arrays and sequences: set, changed, dropped, and a nextval moved to another sequence.
create schema "Billing";
create sequence "Billing"."Invoice Seq";
create sequence "Billing".legacy_seq start 1000;
create table "Billing".invoices (
  id bigint default nextval('"Billing".legacy_seq') primary key,
  issued date default ('now'::text)::date,
  due interval default '30 days',
  status text default 'draft'::text,
  amounts numeric[] default '{}',
  meta jsonb,
  created timestamptz default now(),
  flag boolean default false,
  "Upper" text default upper('x'),
  gone_default int default 0
);
