-- Comments on every kind in this area added, changed and removed: tables, columns, PK/unique/check/FK/exclusion constraints, indexes, sequences, domains and their constraints, enums, composite attributes, ranges, schemas; odd quoting.
create schema "Cm ""S""";
create type "Cm ""S""".e as enum ('a');
create type "Cm ""S""".comp as (x int, "Y y" text);
create type "Cm ""S""".r as range (subtype = int4);
create domain "Cm ""S""".d as int constraint d_pos check (value > 0);
create sequence "Cm ""S""".seq;
create table "Cm ""S""".p (id int constraint p_pk primary key, u int constraint p_u unique);
create table "Cm ""S"""."Child T" (
  id int primary key, pid int constraint c_fk references "Cm ""S""".p, "Col ""1""" text, span int4range,
  constraint c_chk check (id > 0), constraint c_ex exclude using gist (span with &&)
);
create index c_idx on "Cm ""S"""."Child T" (pid);
comment on schema "Cm ""S""" is 'schema';
comment on table "Cm ""S"""."Child T" is 'child';
comment on column "Cm ""S"""."Child T"."Col ""1""" is 'col one';
comment on constraint p_pk on "Cm ""S""".p is 'pk';
comment on constraint c_fk on "Cm ""S"""."Child T" is 'fk';
comment on index "Cm ""S""".c_idx is 'idx';
comment on sequence "Cm ""S""".seq is 'seq';
comment on type "Cm ""S""".e is 'enum';
comment on domain "Cm ""S""".d is 'domain';
comment on constraint d_pos on domain "Cm ""S""".d is 'positive';
comment on column "Cm ""S""".comp."Y y" is 'attr';
