-- A column under statistics objects retyped (PostgreSQL rebuilds them without their target),
-- another dropped (PostgreSQL drops the objects using it); a column target survives a retype.
CREATE TABLE places (id int, zip bigint, city text);
ALTER TABLE places ALTER COLUMN zip SET STATISTICS 300;
CREATE STATISTICS s_zip ON id, zip FROM places;
ALTER STATISTICS s_zip SET STATISTICS 500;
COMMENT ON STATISTICS s_zip IS 'kept across the retype';
CREATE STATISTICS s_expr (ndistinct) ON (zip + 1), (lower(city)) FROM places;
ALTER STATISTICS s_expr SET STATISTICS 50;
CREATE STATISTICS s_shrinks ON id, city FROM places;
