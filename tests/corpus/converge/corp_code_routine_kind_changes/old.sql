-- The same name and arguments change kind: a procedure becomes a function, a function a procedure, an aggregate a plain function and a function an aggregate; a window function's body changes in place.
CREATE SCHEMA rk;
CREATE PROCEDURE rk.a(x int) LANGUAGE sql AS 'select x';
CREATE FUNCTION rk.b(x int) RETURNS void LANGUAGE sql AS 'select';
CREATE AGGREGATE rk.c(int) (SFUNC = int4pl, STYPE = int);
CREATE FUNCTION rk.d(int) RETURNS int LANGUAGE sql AS 'select $1';
CREATE FUNCTION rk.w(int) RETURNS int LANGUAGE internal WINDOW AS 'window_row_number';
