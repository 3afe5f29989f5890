-- serial and bigserial columns in odd-named tables and schemas (their sequences get odd names), an identity column there too, arrays of an odd-named enum, the same table and index name in two schemas.
CREATE SCHEMA "My Schema";
CREATE TYPE "My Schema"."Mood Type" AS ENUM ('Happy', 'Sad');
CREATE TABLE "My Schema"."User Table" ("Id" serial PRIMARY KEY, "Big.Id" bigserial, moods "My Schema"."Mood Type"[] DEFAULT '{Happy}');
CREATE TABLE "My Schema"."Größe" ("Größe Id" int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE INDEX "User Table_Id_idx" ON "My Schema"."User Table" ("Big.Id");
CREATE TABLE public."User Table" (x int);
CREATE INDEX "User Table_Id_idx" ON public."User Table" (x);
