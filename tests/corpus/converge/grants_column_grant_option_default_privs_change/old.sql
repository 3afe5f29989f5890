-- Grants changed: a column-level grant added and one removed, WITH GRANT OPTION added to one and taken from another, a table grant narrowed, EXECUTE revoked from PUBLIC, default privileges added for tables, sequences and functions in a schema and one removed, with a function created in the same plan; odd role names.
DO $$ BEGIN CREATE ROLE "Grant ""Reader"""; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE grant_writer; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Gr";
CREATE TABLE "Gr"."Acct" (id int PRIMARY KEY, "Name" text, secret text);
CREATE FUNCTION "Gr".f() RETURNS int LANGUAGE sql AS 'select 1';
GRANT SELECT ("Name") ON "Gr"."Acct" TO "Grant ""Reader""";
GRANT UPDATE (secret) ON "Gr"."Acct" TO grant_writer WITH GRANT OPTION;
GRANT SELECT, INSERT, UPDATE ON "Gr"."Acct" TO grant_writer;
GRANT SELECT ON "Gr"."Acct" TO "Grant ""Reader""";
ALTER DEFAULT PRIVILEGES IN SCHEMA "Gr" GRANT SELECT ON TABLES TO grant_writer;
