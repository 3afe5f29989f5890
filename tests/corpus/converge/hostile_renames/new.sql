CREATE SCHEMA "Ren ""S""";
CREATE TABLE "Ren ""S"""."New ""T"" bıgınt" ("Id" int PRIMARY KEY, "new.col" text CONSTRAINT "New UQ" UNIQUE, "n" int CONSTRAINT "New.Chk" CHECK ("n" > 0));
CREATE INDEX "New ""ix""" ON "Ren ""S"""."New ""T"" bıgınt" ("n");
CREATE TABLE "Ren ""S"""."Ref" ("x" int CONSTRAINT "New → FK" REFERENCES "Ren ""S"""."New ""T"" bıgınt");
