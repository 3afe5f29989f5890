CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN "Positive" AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE COLLATION my_c (locale = 'C');
CREATE TABLE t (id bigint PRIMARY KEY);
