-- An enum value removed and another renamed (a rebuild) while the type is used by columns in two schemas, an array, a default, a partial index, a check, domains over it and over its array (with defaults, one changed) and a view.
create schema crm;
create type crm.stage as enum ('lead', 'trial', 'customer', 'churned');
create domain crm.active_stage as crm.stage check (value <> 'churned');
create domain crm.stage_list as crm.stage[] not null;
create table crm.accounts (
  id int primary key,
  st crm.stage not null default 'lead',
  past crm.stage[],
  act crm.active_stage default 'customer',
  hist crm.stage_list default '{}',
  constraint no_trial check (st <> 'trial')
);
create index accounts_cust on crm.accounts (id) where st = 'customer';
create table public.notes (id int primary key, st crm.stage);
create view crm.customers as select id, st, act from crm.accounts where st = 'customer';
insert into crm.accounts values (1, 'customer', '{lead,customer}', 'customer', '{customer}'), (2, 'lead', null, 'lead', '{lead}');
insert into public.notes values (1, 'lead');
