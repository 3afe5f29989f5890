CREATE SCHEMA "VOpt";
CREATE TABLE "VOpt"."Base" (id int PRIMARY KEY, n int);
CREATE VIEW "VOpt".lo WITH (security_invoker = true) AS SELECT id, n FROM "VOpt"."Base" WHERE n > 0 WITH CASCADED CHECK OPTION;
CREATE VIEW "VOpt"."Checked" AS SELECT id, n FROM "VOpt".lo WHERE n < 100;
CREATE MATERIALIZED VIEW "VOpt".mv WITH (fillfactor = 80) AS SELECT id, n, n * 2 AS twice FROM "VOpt"."Base";
CREATE UNIQUE INDEX mv_id ON "VOpt".mv (id);
