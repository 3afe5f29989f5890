-- Extended statistics and column targets added, dropped, redefined, re-targeted, commented,
-- moved to another schema, on odd names; a new table brings its own.
CREATE SCHEMA "Stats Ω";
CREATE TABLE "Addr ""Book""" (id bigint, "City" text, zip text, note text, added int);
ALTER TABLE "Addr ""Book""" ALTER COLUMN note SET STATISTICS 250;
ALTER TABLE "Addr ""Book""" ALTER COLUMN zip SET STATISTICS -1;
ALTER TABLE "Addr ""Book""" ALTER COLUMN added SET STATISTICS 40;
CREATE STATISTICS s_kinds (ndistinct, dependencies) ON "City", zip FROM "Addr ""Book""";
CREATE STATISTICS s_expr ON (lower("City")), (id + 1) FROM "Addr ""Book""";
CREATE STATISTICS "S ""Q"" ü" ON zip, note FROM "Addr ""Book""";
ALTER STATISTICS "S ""Q"" ü" SET STATISTICS 300;
CREATE STATISTICS s_comment ON id, "City" FROM "Addr ""Book""";
COMMENT ON STATISTICS s_comment IS 'new';
CREATE STATISTICS "Stats Ω".s_move ON id, zip FROM "Addr ""Book""";
CREATE STATISTICS s_target_reset ON id, note, zip FROM "Addr ""Book""";
CREATE STATISTICS s_new ON added, (added * 2), id FROM "Addr ""Book""";
CREATE TABLE fresh (a int, b int, c text);
ALTER TABLE fresh ALTER COLUMN c SET STATISTICS 500;
CREATE STATISTICS "Stats Ω"."fresh Stats" (dependencies) ON a, b FROM fresh;
ALTER STATISTICS "Stats Ω"."fresh Stats" SET STATISTICS 10;
COMMENT ON STATISTICS "Stats Ω"."fresh Stats" IS 'on a new table';
CREATE STATISTICS fresh_expr ON (lower(c)) FROM fresh;
