-- Inheritance column order: inherited columns first (parents in INHERITS order, a column two parents share once), then the child's own; extra columns, multiple parents, a merged column redeclared with a default, a grandchild, quoted and schema-qualified names.
CREATE SCHEMA "Inv";
CREATE TABLE "Inv".base (id INT4 NOT NULL, "Created" TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE public.tags (tag CHARACTER VARYING(10), id int);
CREATE TABLE "Inv"."Item" (name text, "Price" numeric(10,2), id int4 DEFAULT 0) INHERITS ("Inv".base, public.tags);
CREATE TABLE "Inv".special_item (extra boolean, name text NOT NULL, tag varchar(10) DEFAULT 'x') INHERITS ("Inv"."Item");
CREATE TABLE plain_child () INHERITS (tags);
