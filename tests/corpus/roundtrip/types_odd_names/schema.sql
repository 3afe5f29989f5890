-- Types with odd names: capitals, spaces, quotes, non-ASCII, a dot; in a schema with an odd name.
CREATE SCHEMA "Odd Schema";
CREATE DOMAIN "Email Address" AS text CONSTRAINT "Has ""At""" CHECK (VALUE ~ '@');
CREATE TYPE "Odd Schema"."Straße" AS ("Haus Nr" integer, "it's" text);
CREATE TYPE "Odd Schema"."a.b" AS RANGE (subtype = numeric);
CREATE COLLATION "Odd Schema"."Größe" (provider = libc, locale = 'C');
CREATE TABLE "Odd Schema"."Tëst" (
  id bigint PRIMARY KEY,
  "Mail" "Email Address",
  addr "Odd Schema"."Straße",
  r "Odd Schema"."a.b",
  t text COLLATE "Odd Schema"."Größe"
);
