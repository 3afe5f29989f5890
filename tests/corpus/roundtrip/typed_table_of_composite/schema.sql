-- A typed table (CREATE TABLE ... OF a composite type) with a primary key and a column default added through WITH OPTIONS, next to a plain table using the same type as a column. The OF type is not modelled: reported as unsupported.
CREATE SCHEMA "Typed";
CREATE TYPE "Typed"."Person" AS (id int, "Full Name" text, born date);
CREATE TABLE "Typed".people OF "Typed"."Person" (PRIMARY KEY (id), "Full Name" WITH OPTIONS NOT NULL DEFAULT 'anon');
CREATE TABLE "Typed".cards (id int PRIMARY KEY, who "Typed"."Person");
