CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE FUNCTION "Odd Fn"() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
