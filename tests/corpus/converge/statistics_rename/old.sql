-- A statistics object renamed (renamed_from), on a table renamed at the same time, with its
-- target and comment kept.
CREATE TABLE "Old T" (a int, "B" int);
CREATE STATISTICS "Old S" ON a, "B" FROM "Old T";
ALTER STATISTICS "Old S" SET STATISTICS 77;
COMMENT ON STATISTICS "Old S" IS 'renamed';
