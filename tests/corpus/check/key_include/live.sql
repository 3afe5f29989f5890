CREATE TABLE "Cover Me" (id int, "Code" text, note text, "x ""y""" int,
  CONSTRAINT "Cover Me_pkey" PRIMARY KEY (id) INCLUDE (note),
  CONSTRAINT "Code Key" UNIQUE ("Code") INCLUDE ("x ""y""", note));
CREATE TABLE pk_include_dropped (id int PRIMARY KEY, note text);
CREATE TABLE pk_include_added (id int, note text, CONSTRAINT pk_include_added_pkey PRIMARY KEY (id) INCLUDE (note));
CREATE TABLE uq_include_changed (code text, a text, "B" text,
  CONSTRAINT "uq include changed" UNIQUE (code) INCLUDE ("B"));
