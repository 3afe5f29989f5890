-- Renames between hostile names (spaces, quotes, dots, `bıgınt`): table, column, index, check, unique and foreign key keep their data.
CREATE SCHEMA "Ren ""S""";
CREATE TABLE "Ren ""S"""."Old T.1" ("Id" int PRIMARY KEY, "old col" text CONSTRAINT "Old.UQ" UNIQUE, "n" int CONSTRAINT "Old ""Chk""" CHECK ("n" > 0));
CREATE INDEX "Old ix" ON "Ren ""S"""."Old T.1" ("n");
CREATE TABLE "Ren ""S"""."Ref" ("x" int CONSTRAINT "Old → FK" REFERENCES "Ren ""S"""."Old T.1");
