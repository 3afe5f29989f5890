-- Inheritance: a child redeclaring an inherited column locally (attislocal and inherited), two parents, columns added to a parent later with a child and a grandchild existing, a child created after that (holds it in place), NO INHERIT check, odd names.
CREATE TABLE "Par ""1""" (id int NOT NULL, "Name" text, CONSTRAINT pos CHECK (id > 0), CONSTRAINT mine CHECK (id <> 7) NO INHERIT);
CREATE TABLE p2 (code text);
CREATE TABLE kid ("Name" text DEFAULT 'x', own int) INHERITS ("Par ""1""", p2);
CREATE TABLE "grand kid" (deep bool) INHERITS (kid);
ALTER TABLE "Par ""1""" ADD COLUMN "Later One" date;
ALTER TABLE p2 ADD COLUMN later_two int;
CREATE TABLE late_kid (mine text) INHERITS ("Par ""1""");
