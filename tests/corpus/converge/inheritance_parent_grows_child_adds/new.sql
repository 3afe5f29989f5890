CREATE TABLE "Base" (id int NOT NULL, "Name" text, CONSTRAINT id_pos CHECK (id > 0), CONSTRAINT only_base CHECK (id < 1000) NO INHERIT);
CREATE TABLE "Tag" (tag text);
CREATE TABLE "Child A" (own text) INHERITS ("Base");
CREATE TABLE grand (g int) INHERITS ("Child A");
ALTER TABLE "Base" ADD COLUMN "Added Later" date;
CREATE TABLE "Tagged" (id int NOT NULL, "Name" text, tag text, x int, "Added Later" date, CONSTRAINT id_pos CHECK (id > 0));
ALTER TABLE "Tagged" INHERIT "Base";
ALTER TABLE "Tagged" INHERIT "Tag";
