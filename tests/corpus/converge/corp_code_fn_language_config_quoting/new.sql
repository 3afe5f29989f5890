CREATE SCHEMA "Cfg ""Fn""";
CREATE FUNCTION "Cfg ""Fn""".a() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 1; END$$;
CREATE FUNCTION "Cfg ""Fn""".b() RETURNS int LANGUAGE sql AS 'select 2';
CREATE FUNCTION "Cfg ""Fn""".c() RETURNS int LANGUAGE sql SET search_path = "Cfg ""Fn""", pg_catalog AS 'select 3';
CREATE FUNCTION "Cfg ""Fn""".d() RETURNS int LANGUAGE sql SET search_path = "$user", public SET lock_timeout = 0 SET "TimeZone" = 'UTC' AS 'select 4';
CREATE FUNCTION "Cfg ""Fn""".e() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS 'select 5';
CREATE FUNCTION "Cfg ""Fn""".g() RETURNS int LANGUAGE sql CALLED ON NULL INPUT COST 100 AS 'select 6';
CREATE FUNCTION "Cfg ""Fn""".h(t text) RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
  -- größer; "quoted" $$ and 'single'
  RETURN t || '$$' || 'ß';
END
$body$;
