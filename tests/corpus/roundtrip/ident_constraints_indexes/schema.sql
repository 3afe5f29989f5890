-- Odd identifiers as constraint and index names (primary key, unique, check, foreign key, index), and odd column names inside them.
CREATE SCHEMA "Other Schema";
CREATE TABLE "Parent.Table" (
    "Größe" int,
    "we""ird" int,
    "select" text,
    CONSTRAINT "PK Größe" PRIMARY KEY ("Größe"),
    CONSTRAINT "uq.dotted" UNIQUE ("we""ird"),
    CONSTRAINT "check ""quoted"" name" CHECK ("Größe" > 0),
    CONSTRAINT "Check Select" CHECK ("select" <> 'select')
);
CREATE TABLE "Other Schema"."Child Table" (
    "Id" int PRIMARY KEY,
    "parent größe" int,
    "parent, comma" int,
    CONSTRAINT "FK → Parent" FOREIGN KEY ("parent größe") REFERENCES "Parent.Table" ("Größe"),
    CONSTRAINT "fk.we""ird" FOREIGN KEY ("parent, comma") REFERENCES "Parent.Table" ("we""ird")
);
CREATE INDEX "Idx.With.Dots" ON "Parent.Table" ("select");
CREATE INDEX "ÄÖÜ idx" ON "Other Schema"."Child Table" ("parent größe", "parent, comma");
CREATE UNIQUE INDEX "select" ON "Other Schema"."Child Table" (lower("parent größe"::text));
CREATE INDEX "idx ""quoted""" ON "Parent.Table" ("we""ird") WHERE "select" IS NOT NULL;
