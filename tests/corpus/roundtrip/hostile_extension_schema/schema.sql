-- An extension in a schema with a hostile name (space, dot, capital, quote), its type used by qualified name in a table, a domain and a view.
CREATE SCHEMA "Ext ""Schema"".v1";
CREATE EXTENSION citext SCHEMA "Ext ""Schema"".v1";
CREATE SCHEMA "User Data";
CREATE DOMAIN "User Data"."E-Mail" AS "Ext ""Schema"".v1".citext CHECK (VALUE LIKE '%@%');
CREATE TABLE "User Data"."Users" ("E-Mail" "Ext ""Schema"".v1".citext UNIQUE, "Alt Mail" "User Data"."E-Mail", "bıgınt" "Ext ""Schema"".v1".citext[]);
CREATE VIEW "User Data"."Lower Mails" AS SELECT lower("E-Mail"::text) AS "lower.mail" FROM "User Data"."Users";
