-- Extended statistics and column targets added, dropped, redefined, re-targeted, commented,
-- moved to another schema, on odd names; a new table brings its own.
CREATE SCHEMA "Stats Ω";
CREATE TABLE "Addr ""Book""" (id bigint, "City" text, zip text, note text);
ALTER TABLE "Addr ""Book""" ALTER COLUMN note SET STATISTICS 100;
ALTER TABLE "Addr ""Book""" ALTER COLUMN zip SET STATISTICS 0;
CREATE STATISTICS s_gone ON id, note FROM "Addr ""Book""";
CREATE STATISTICS s_kinds (mcv) ON "City", zip FROM "Addr ""Book""";
CREATE STATISTICS s_expr ON (lower(zip)), (id + 1) FROM "Addr ""Book""";
CREATE STATISTICS "S ""Q"" ü" ON zip, note FROM "Addr ""Book""";
ALTER STATISTICS "S ""Q"" ü" SET STATISTICS 100;
CREATE STATISTICS s_comment ON id, "City" FROM "Addr ""Book""";
COMMENT ON STATISTICS s_comment IS 'old';
CREATE STATISTICS s_move ON id, zip FROM "Addr ""Book""";
CREATE STATISTICS s_target_reset ON id, note, zip FROM "Addr ""Book""";
ALTER STATISTICS s_target_reset SET STATISTICS 20;
