-- View options changed in place: LOCAL to CASCADED check option, check option removed, security_invoker turned on, security_barrier turned off, a materialized view's storage option changed and its body changed under a unique index; odd names.
CREATE SCHEMA "VOpt";
CREATE TABLE "VOpt"."Base" (id int PRIMARY KEY, n int);
CREATE VIEW "VOpt".lo WITH (security_barrier = true) AS SELECT id, n FROM "VOpt"."Base" WHERE n > 0 WITH LOCAL CHECK OPTION;
CREATE VIEW "VOpt"."Checked" AS SELECT id, n FROM "VOpt".lo WHERE n < 100 WITH CHECK OPTION;
CREATE MATERIALIZED VIEW "VOpt".mv WITH (fillfactor = 50) AS SELECT id, n FROM "VOpt"."Base";
CREATE UNIQUE INDEX mv_id ON "VOpt".mv (id);
