-- A statistics object renamed (renamed_from), on a table renamed at the same time, with its
-- target and comment kept.
CREATE TABLE "New T" (a int, "B" int);
CREATE STATISTICS "New ""S""" ON a, "B" FROM "New T";
ALTER STATISTICS "New ""S""" SET STATISTICS 77;
COMMENT ON STATISTICS "New ""S""" IS 'renamed';
