-- A routine whose parameter DEFAULT calls another routine, and a view and a trigger function over them: the called routine's result type changes (drop and create under the default), the caller's default is changed to another call, and a routine used only in another's body is renamed (body-only references record no dependency).
CREATE SCHEMA fd;
CREATE FUNCTION fd.base_rate() RETURNS int LANGUAGE sql IMMUTABLE AS 'select 5';
CREATE FUNCTION fd.price(qty int, rate int DEFAULT fd.base_rate()) RETURNS int LANGUAGE sql AS 'select qty * rate';
CREATE FUNCTION fd.helper() RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION fd.user_of_helper() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN fd.helper(); END$$;
CREATE VIEW fd.v AS SELECT fd.price(3) AS p;
