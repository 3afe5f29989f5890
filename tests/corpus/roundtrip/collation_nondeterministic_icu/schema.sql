-- ICU collations: a nondeterministic case-insensitive collation, one with an odd name and a numeric-ordering locale, columns, a unique index and a domain using them.
CREATE SCHEMA "Coll";
CREATE COLLATION "Coll"."case insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION "Coll".numeric_sort (provider = icu, locale = 'en-u-kn-true');
CREATE DOMAIN "Coll".ci_text AS text COLLATE "Coll"."case insensitive";
CREATE TABLE "Coll".users (id int PRIMARY KEY, login text COLLATE "Coll"."case insensitive" UNIQUE, version text COLLATE "Coll".numeric_sort, nick "Coll".ci_text);
CREATE INDEX users_version ON "Coll".users (version COLLATE "Coll".numeric_sort DESC);
COMMENT ON COLLATION "Coll"."case insensitive" IS 'compares case-insensitively';
