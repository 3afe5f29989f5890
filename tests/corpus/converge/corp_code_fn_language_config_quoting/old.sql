-- Language sql to plpgsql and back, SET search_path forms ('', "$user", a quoted schema, pg_temp), SET options added and dropped, SECURITY DEFINER with a pinned search_path, STRICT and COST back to their defaults, a body that holds $$, a semicolon and non-ASCII text; the schema name holds a quote.
CREATE SCHEMA "Cfg ""Fn""";
CREATE FUNCTION "Cfg ""Fn""".a() RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION "Cfg ""Fn""".b() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 2; END$$;
CREATE FUNCTION "Cfg ""Fn""".c() RETURNS int LANGUAGE sql SET search_path = '' AS 'select 3';
CREATE FUNCTION "Cfg ""Fn""".d() RETURNS int LANGUAGE sql SET search_path = "$user", public SET statement_timeout = '5s' AS 'select 4';
CREATE FUNCTION "Cfg ""Fn""".e() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 5';
CREATE FUNCTION "Cfg ""Fn""".g() RETURNS int LANGUAGE sql STRICT COST 1000 AS 'select 6';
CREATE FUNCTION "Cfg ""Fn""".h(t text) RETURNS text LANGUAGE plpgsql AS $body$BEGIN RETURN t || '$$'; END$body$;
