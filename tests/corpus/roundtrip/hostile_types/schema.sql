-- Composite, range and domain types and their parts with hostile names: attributes named like keywords and with quotes, a range over an odd-named subtype function, a domain over an odd enum, arrays of all of them.
CREATE SCHEMA "Type Schema";
CREATE TYPE "Type Schema"."Enum ""E""" AS ENUM ('it''s', 'a.b', 'bıgınt', 'SELECT');
CREATE TYPE "Type Schema"."Comp.Type" AS ("order" int, "we""ird" text, "bıgınt" bigint, "Enum" "Type Schema"."Enum ""E""");
CREATE TYPE "Type Schema"."Range ""R""" AS RANGE (subtype = int8);
CREATE DOMAIN "Type Schema"."Dom.Enum" AS "Type Schema"."Enum ""E""" CONSTRAINT "not ""it's""" CHECK (VALUE <> 'it''s') NOT NULL DEFAULT 'a.b';
CREATE TABLE "Type Schema"."user" ("c" "Type Schema"."Comp.Type", "r" "Type Schema"."Range ""R""", "d" "Type Schema"."Dom.Enum", "ca" "Type Schema"."Comp.Type"[], "ra" "Type Schema"."Range ""R"""[], "e" "Type Schema"."Enum ""E""" DEFAULT 'SELECT');
