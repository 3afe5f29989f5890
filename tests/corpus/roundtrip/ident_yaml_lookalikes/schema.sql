-- Identifiers YAML would read as something else or that are keys of the schema format: null, true, 123, ~, "- x", "a: b", "#hash", "[x]", "{y}", type, columns, comment, default.
CREATE TABLE "null" ("true" int, "123" int, "~" int, "- x" int, "a: b" int, "#hash" int, "[x]" int, "{y}" int, "type" text, "columns" text, "comment" text, "default" text, "nullable" boolean, "&a" int, "*b" int, "!c" int, "%d" int, "@e" int, "`f`" int, "|g" int, ">h" int, "'i'" int);
CREATE TABLE "columns" ("type" int PRIMARY KEY, "identity" int);
CREATE TABLE "yes" ("no" int REFERENCES "columns" ("type"));
CREATE TYPE "true" AS ENUM ('false');
CREATE SEQUENCE "123";
CREATE TABLE "~" ("on" "true", "off" bigint DEFAULT nextval('"123"'));
CREATE INDEX "null_idx: x" ON "null" ("true", "a: b");
CREATE VIEW "- view" AS SELECT "true", "~" FROM "null";
