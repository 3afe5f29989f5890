-- Domain checks' validity and comments changed: a NOT VALID check declared valid (validated), a valid one declared NOT VALID (dropped and added NOT VALID), a new NOT VALID check with a comment, a check comment changed and one removed, on a domain a column uses; odd names.
CREATE SCHEMA "Dom Chk";
CREATE DOMAIN "Dom Chk"."Even ""N""" AS int CONSTRAINT "not neg" CHECK (VALUE >= 0) CONSTRAINT small CHECK (VALUE < 1000000);
ALTER DOMAIN "Dom Chk"."Even ""N""" ADD CONSTRAINT even CHECK (VALUE % 2 = 0) NOT VALID;
COMMENT ON CONSTRAINT "not neg" ON DOMAIN "Dom Chk"."Even ""N""" IS 'no negatives';
COMMENT ON CONSTRAINT small ON DOMAIN "Dom Chk"."Even ""N""" IS 'fits';
CREATE TABLE "Dom Chk".t (id int PRIMARY KEY, n "Dom Chk"."Even ""N""");
