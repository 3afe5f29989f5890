CREATE SCHEMA audit; COMMENT ON SCHEMA audit IS 'same';
CREATE SCHEMA billing; COMMENT ON SCHEMA billing IS 'live';
CREATE SCHEMA quiet; COMMENT ON SCHEMA quiet IS 'undeclared';
CREATE TABLE audit.t (id int); CREATE TABLE billing.t (id int); CREATE TABLE quiet.t (id int);
