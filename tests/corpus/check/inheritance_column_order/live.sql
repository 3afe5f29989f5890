CREATE TABLE parent (id int NOT NULL, name text);
CREATE TABLE adopted (note text, name text, id int NOT NULL);
ALTER TABLE adopted INHERIT parent;
CREATE TABLE kid (own text) INHERITS (parent);
CREATE TABLE "Same Order" (name text, note text, id int NOT NULL);
ALTER TABLE "Same Order" INHERIT parent;
