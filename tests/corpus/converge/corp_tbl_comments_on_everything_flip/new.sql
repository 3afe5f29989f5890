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
comment on schema "Cm ""S""" is 'schema ''2''';
comment on table "Cm ""S"""."Child T" is E'child\nline two';
comment on column "Cm ""S"""."Child T".id is 'the id';
comment on constraint p_u on "Cm ""S""".p is 'unique u';
comment on constraint c_chk on "Cm ""S"""."Child T" is 'check';
comment on constraint c_ex on "Cm ""S"""."Child T" is 'no overlaps';
comment on constraint c_fk on "Cm ""S"""."Child T" is 'fk → p';
comment on index "Cm ""S""".p_u is 'the unique index';
comment on sequence "Cm ""S""".seq is 'seq 2';
comment on type "Cm ""S""".e is 'enum ✓';
comment on type "Cm ""S""".r is 'range';
comment on type "Cm ""S""".comp is 'composite';
comment on constraint d_pos on domain "Cm ""S""".d is 'strictly positive';
comment on column "Cm ""S""".comp.x is 'x attr';
