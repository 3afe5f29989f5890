CREATE SCHEMA "Dom Chk";
CREATE DOMAIN "Dom Chk"."Even ""N""" AS int CONSTRAINT even CHECK (VALUE % 2 = 0) CONSTRAINT small CHECK (VALUE < 1000000);
ALTER DOMAIN "Dom Chk"."Even ""N""" ADD CONSTRAINT "not neg" CHECK (VALUE >= 0) NOT VALID;
ALTER DOMAIN "Dom Chk"."Even ""N""" ADD CONSTRAINT "Round ✓" CHECK (VALUE % 10 = 0) NOT VALID;
COMMENT ON CONSTRAINT "not neg" ON DOMAIN "Dom Chk"."Even ""N""" IS 'no negatives, not checked';
COMMENT ON CONSTRAINT "Round ✓" ON DOMAIN "Dom Chk"."Even ""N""" IS 'multiples of ten';
CREATE TABLE "Dom Chk".t (id int PRIMARY KEY, n "Dom Chk"."Even ""N""");
