-- Comments on schemas: a user schema, one with an odd name, and public's own comment replaced.
CREATE SCHEMA audit;
COMMENT ON SCHEMA audit IS 'Audit trail: who did what';
CREATE SCHEMA "Odd Schema";
COMMENT ON SCHEMA "Odd Schema" IS 'ça';
COMMENT ON SCHEMA public IS 'the application';
CREATE TABLE audit.log (id int);
