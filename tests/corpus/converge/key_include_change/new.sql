create table "Cover Me" (id int, "Code" text, note text, "x ""y""" int,
  constraint "Cover Me_pkey" primary key (id) include ("x ""y""", note),
  constraint "Code Key" unique ("Code") include ("x ""y"""));
create table gains (id int primary key, note text);
create table ref_me (id int, note text, constraint ref_me_pkey primary key (id) include (note));
create table refs (r int references ref_me (id));
create table fresh (id int, "Note" text, constraint fresh_pkey primary key (id) include ("Note"),
  constraint "fresh key" unique ("Note") include (id));
