CREATE SCHEMA rk;
CREATE FUNCTION rk.a(x int) RETURNS int LANGUAGE sql AS 'select x';
CREATE PROCEDURE rk.b(x int) LANGUAGE sql AS 'select x';
CREATE FUNCTION rk.c(int) RETURNS int LANGUAGE sql AS 'select $1';
CREATE AGGREGATE rk.d(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE FUNCTION rk.w(int) RETURNS bigint LANGUAGE internal WINDOW AS 'window_row_number';
