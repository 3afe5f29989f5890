-- Inheritance: a child of two parents leaves one (NO INHERIT; its columns stay, now its own), a check becomes NO INHERIT on the parent, a grandchild keeps its parent, a child drops a locally redeclared column's default; quoted names.
CREATE TABLE "P One" (id int NOT NULL, a text, CONSTRAINT a_set CHECK (a <> ''));
CREATE TABLE "P Two" (b int);
CREATE TABLE kid (a text DEFAULT 'x', own int) INHERITS ("P One", "P Two");
CREATE TABLE grand (g int) INHERITS (kid);
