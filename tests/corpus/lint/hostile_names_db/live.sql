-- Lint findings on objects with hostile names: a schema with a space and a quote, dotted tables, `bıgınt` and reserved-word columns.
CREATE SCHEMA "Lint ""S""";
CREATE TABLE "Lint ""S"""."Parent.T" ("Id" int PRIMARY KEY, "At Time" timestamp);
CREATE TABLE "Lint ""S"""."select" ("bıgınt" serial, "Parent Id" int REFERENCES "Lint ""S"""."Parent.T");
CREATE INDEX "Dup ""1""" ON "Lint ""S"""."Parent.T" ("At Time");
CREATE INDEX "Dup.2" ON "Lint ""S"""."Parent.T" ("At Time");
