-- Capitals, spaces, quotes, dots and non-ASCII in schema, table, column and constraint names.
create schema "Ärzte Schema";
create table "Ärzte Schema"."Gene ""Table""" (
    "ID" integer primary key,
    "Größe" timestamp,
    "a.b" bigint
);
create table "MixedCase" (
    id bigint primary key,
    "Gene Ref" integer,
    constraint "FK ""quoted"" name" foreign key ("Gene Ref") references "Ärzte Schema"."Gene ""Table""" ("ID")
);
create table "dotted.name" ("x y" text);
create index "Idx Dup 1" on "MixedCase" ("Gene Ref") where "Gene Ref" > 0;
create index "Idx Dup 2" on "MixedCase" ("Gene Ref") where ("Gene Ref" > 0);
