-- A domain check added NOT VALID (rows already stored are not checked) and a comment on a domain constraint, both with odd names.
CREATE SCHEMA "Dom NV";
CREATE DOMAIN "Dom NV".legacy AS int CONSTRAINT "under ""max""" CHECK (VALUE < 1000000);
ALTER DOMAIN "Dom NV".legacy ADD CONSTRAINT "legacy even" CHECK (VALUE % 2 = 0) NOT VALID;
COMMENT ON CONSTRAINT "under ""max""" ON DOMAIN "Dom NV".legacy IS 'a ceiling';
CREATE TABLE "Dom NV".t (id int PRIMARY KEY, old "Dom NV".legacy);
