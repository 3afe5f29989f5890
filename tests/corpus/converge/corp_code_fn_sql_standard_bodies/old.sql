-- SQL-standard bodies: a string body becomes RETURN, a RETURN body changes under a view that calls it, BEGIN ATOMIC becomes a string body, a two-statement BEGIN ATOMIC body, a BEGIN ATOMIC procedure gains a parameter, and a new BEGIN ATOMIC function reads a column added in the same plan.
CREATE SCHEMA sb;
CREATE TABLE sb.t (id int PRIMARY KEY, v int);
CREATE FUNCTION sb.add1(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x + 1';
CREATE FUNCTION sb.twice(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE FUNCTION sb.cnt() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM sb.t; END;
CREATE FUNCTION sb.bump_all() RETURNS void LANGUAGE sql BEGIN ATOMIC UPDATE sb.t SET v = v + 1; END;
CREATE PROCEDURE sb.reset_v() LANGUAGE sql BEGIN ATOMIC UPDATE sb.t SET v = 0; END;
CREATE VIEW sb.v AS SELECT id, sb.twice(v) AS v2 FROM sb.t;
