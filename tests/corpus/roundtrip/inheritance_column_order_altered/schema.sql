-- Inheritance column order a rebuild must reproduce: tables that became children by ALTER TABLE ... INHERIT with their columns in another order than their parents' (one parent, two parents, a grandchild), with the checks and NOT NULL the attach requires.
CREATE TABLE parent (id int NOT NULL, name text, CONSTRAINT name_set CHECK (name <> ''));
CREATE TABLE "Other" (code CHARACTER VARYING(5));
CREATE TABLE adopted (note text, name text, id int4 NOT NULL, CONSTRAINT name_set CHECK (name <> ''));
ALTER TABLE adopted INHERIT parent;
CREATE TABLE adopted_twice (code varchar(5), extra int, id int NOT NULL, name text CONSTRAINT name_set CHECK (name <> ''));
ALTER TABLE adopted_twice INHERIT parent;
ALTER TABLE adopted_twice INHERIT "Other";
CREATE TABLE grandchild (more text, note text, id int NOT NULL, name text, CONSTRAINT name_set CHECK (name <> ''));
ALTER TABLE grandchild INHERIT adopted;
