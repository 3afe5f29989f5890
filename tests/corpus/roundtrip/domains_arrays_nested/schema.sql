-- Domains: a domain over an array, a domain over a domain, a NOT NULL domain with a default, a domain with a collation, a check added by ALTER DOMAIN, a domain over a composite, several named checks with odd names, arrays of domains in tables.
CREATE SCHEMA "Dom";
CREATE DOMAIN "Dom".tags AS text[] CONSTRAINT "no nulls" CHECK (array_position(VALUE, NULL) IS NULL) CONSTRAINT short CHECK (cardinality(VALUE) <= 10);
CREATE DOMAIN "Dom".positive AS numeric(12,2) CHECK (VALUE > 0);
CREATE DOMAIN "Dom"."Price" AS "Dom".positive DEFAULT 1.00 NOT NULL CONSTRAINT "under ""max""" CHECK (VALUE < 1000000);
CREATE DOMAIN "Dom".code AS varchar(8) COLLATE "C" CHECK (VALUE ~ '^[A-Z]+$');
CREATE DOMAIN "Dom".legacy AS int;
ALTER DOMAIN "Dom".legacy ADD CONSTRAINT "legacy even" CHECK (VALUE % 2 = 0);
CREATE TYPE "Dom".money_pair AS (amount numeric, currency char(3));
CREATE DOMAIN "Dom".amount_eur AS "Dom".money_pair CHECK ((VALUE).currency = 'EUR');
CREATE TABLE "Dom"."Product" (id int PRIMARY KEY, price "Dom"."Price", codes "Dom".code[], labels "Dom".tags DEFAULT '{}', old "Dom".legacy, eur "Dom".amount_eur);
COMMENT ON DOMAIN "Dom"."Price" IS 'money, positive';
