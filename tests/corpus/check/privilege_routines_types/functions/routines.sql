CREATE FUNCTION app.touch() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql AS 'select 1';
CREATE PROCEDURE "Weird ""Proc"" é"(x int) LANGUAGE sql AS 'select 1';
CREATE FUNCTION same() RETURNS int LANGUAGE sql AS 'select 1';
