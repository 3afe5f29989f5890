-- Extended statistics in every form (kinds, expressions, a single expression, targets, comments, another schema, odd names) and column statistics targets.
CREATE SCHEMA "Stät ""S""";
CREATE TABLE "Addr ""Book""" (id bigint, "City" text, zip text, "naïve" text, n int);
ALTER TABLE "Addr ""Book""" ALTER COLUMN "City" SET STATISTICS 250;
ALTER TABLE "Addr ""Book""" ALTER COLUMN n SET STATISTICS 0;
CREATE STATISTICS s_all ON id, zip FROM "Addr ""Book""";
CREATE STATISTICS "S ""Q"" ü" (ndistinct, mcv) ON zip, "naïve", "City" FROM "Addr ""Book""";
ALTER STATISTICS "S ""Q"" ü" SET STATISTICS 300;
COMMENT ON STATISTICS "S ""Q"" ü" IS 'odd ''name''';
CREATE STATISTICS s_expr (dependencies) ON (lower("City")), (n + 1), zip FROM "Addr ""Book""";
CREATE STATISTICS s_one ON (coalesce(n, 0) * 2) FROM "Addr ""Book""";
CREATE STATISTICS "Stät ""S""".elsewhere ON id, n FROM "Addr ""Book""";
ALTER STATISTICS "Stät ""S""".elsewhere SET STATISTICS 0;
CREATE TABLE "Stät ""S""".local (a int, b int);
CREATE STATISTICS "Stät ""S""".local_ab ON a, b FROM "Stät ""S""".local;
CREATE TABLE parted (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
CREATE STATISTICS parted_kv ON k, v FROM parted;
CREATE STATISTICS parted_1_kv ON k, v FROM parted_1;
