create schema "Billing";
create sequence "Billing"."Invoice Seq";
create table "Billing".invoices (
  id bigint default nextval('"Billing"."Invoice Seq"') primary key,
  issued date default current_date,
  due interval default '45 days'::interval,
  status varchar(10) default 'open',
  amounts numeric[] default array[0]::numeric[],
  meta jsonb default '{"v": 1}'::jsonb,
  created timestamptz default clock_timestamp(),
  flag boolean default true,
  "Upper" text default lower('X' || 'y'),
  gone_default int
);
alter sequence "Billing"."Invoice Seq" owned by "Billing".invoices.id;
