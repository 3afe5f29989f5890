-- Named NOT NULL constraints: custom, quoted, in another schema, on a key column, and the name a renamed table keeps (PostgreSQL 18 names them; older servers drop the names).
CREATE TABLE public.users (
  id INT4 CONSTRAINT users_pk PRIMARY KEY,
  mail TEXT CONSTRAINT nn_mail NOT NULL,
  "Nick" CHARACTER VARYING(20) CONSTRAINT "NN Nick" NOT NULL,
  note text NOT NULL
);
CREATE SCHEMA "Other App";
CREATE TABLE "Other App"."T" (a int CONSTRAINT "a is set" NOT NULL, b bigint NOT NULL);
CREATE TABLE old_name (x int NOT NULL, y text CONSTRAINT y_nn NOT NULL);
ALTER TABLE old_name RENAME TO new_name;
