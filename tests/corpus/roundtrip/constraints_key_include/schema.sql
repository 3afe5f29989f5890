-- Primary key and unique constraints with INCLUDE columns (covering indexes behind constraints), odd names included.
CREATE TABLE covered (id int, code text, note text, extra int,
    CONSTRAINT covered_pkey PRIMARY KEY (id) INCLUDE (note),
    CONSTRAINT covered_code_key UNIQUE (code) INCLUDE (extra, note));
CREATE TABLE "Cover Me" (id int, "Code" text, "x ""y""" int, "N, o" text,
    CONSTRAINT "Cover Me_pkey" PRIMARY KEY (id, "Code") INCLUDE ("x ""y""") DEFERRABLE,
    CONSTRAINT "Code Key" UNIQUE ("Code") INCLUDE ("N, o", id));
CREATE TABLE refs (id int, code text, FOREIGN KEY (code) REFERENCES "Cover Me" ("Code"));
