-- Inheritance changes: a parent gains a column (its children get it after their own), a NO INHERIT check and an inherited one, a child gains a second parent and a locally redeclared column, a grandchild; quoted names.
CREATE TABLE "Base" (id int NOT NULL, "Name" text);
CREATE TABLE "Tag" (tag text);
CREATE TABLE "Child A" (own text) INHERITS ("Base");
CREATE TABLE grand (g int) INHERITS ("Child A");
CREATE TABLE "Tagged" (id int NOT NULL, "Name" text, tag text, x int);
