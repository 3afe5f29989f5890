create table "Cover Me" (id int primary key, "Code" text, note text, "x ""y""" int,
  constraint "Code Key" unique ("Code") include (note));
create table gains (id int, note text, constraint gains_pkey primary key (id) include (note));
create table ref_me (id int, note text, constraint ref_me_pkey primary key (id));
create table refs (r int references ref_me (id));
