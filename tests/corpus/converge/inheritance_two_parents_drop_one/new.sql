CREATE TABLE "P One" (id int NOT NULL, a text, CONSTRAINT a_set CHECK (a <> ''));
CREATE TABLE "P Two" (b int);
CREATE TABLE kid (id int NOT NULL, a text, b int, own int, CONSTRAINT a_set CHECK (a <> ''));
ALTER TABLE kid INHERIT "P One";
CREATE TABLE grand (g int) INHERITS (kid);
