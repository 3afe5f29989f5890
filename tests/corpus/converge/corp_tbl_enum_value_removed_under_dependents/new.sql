create schema crm;
create type crm.stage as enum ('prospect', 'trial', 'customer');
create domain crm.active_stage as crm.stage check (value <> 'trial');
create domain crm.stage_list as crm.stage[] not null;
create table crm.accounts (
  id int primary key,
  st crm.stage not null default 'prospect',
  past crm.stage[],
  act crm.active_stage default 'customer',
  hist crm.stage_list default '{}',
  constraint no_trial check (st <> 'trial')
);
create index accounts_cust on crm.accounts (id) where st = 'customer';
create table public.notes (id int primary key, st crm.stage);
create view crm.customers as select id, st, act from crm.accounts where st = 'customer';
comment on domain crm.active_stage is 'not churned';
