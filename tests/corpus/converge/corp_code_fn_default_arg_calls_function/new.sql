CREATE SCHEMA fd;
CREATE FUNCTION fd.base_rate() RETURNS bigint LANGUAGE sql IMMUTABLE AS 'select 5::bigint';
CREATE FUNCTION fd.price(qty int, rate int DEFAULT fd.base_rate()) RETURNS int LANGUAGE sql AS 'select qty * rate';
CREATE FUNCTION fd."Helper ✓"() RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION fd.user_of_helper() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN fd."Helper ✓"(); END$$;
CREATE VIEW fd.v AS SELECT fd.price(3) AS p;
