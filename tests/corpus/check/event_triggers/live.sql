CREATE SCHEMA audit;
CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE FUNCTION "Odd Fn"() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
-- Declared with other spellings (tag case and order, `()`, unqualified function): no drift.
CREATE EVENT TRIGGER same ON ddl_command_end WHEN TAG IN ('create table', 'ALTER TABLE') EXECUTE FUNCTION audit.log_ddl();
CREATE EVENT TRIGGER always_on ON sql_drop EXECUTE FUNCTION "Odd Fn"();
ALTER EVENT TRIGGER always_on ENABLE ALWAYS;
-- Tags differ from the declaration.
CREATE EVENT TRIGGER tags_changed ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION audit.log_ddl();
-- Disabled here, enabled in the declaration; comment differs.
CREATE EVENT TRIGGER "Odd ""Name""" ON table_rewrite EXECUTE FUNCTION public."Odd Fn"();
ALTER EVENT TRIGGER "Odd ""Name""" DISABLE;
COMMENT ON EVENT TRIGGER "Odd ""Name""" IS 'live';
-- Function differs.
CREATE EVENT TRIGGER fn_changed ON ddl_command_start EXECUTE FUNCTION audit.log_ddl();
-- Not declared.
CREATE EVENT TRIGGER extra_one ON ddl_command_start EXECUTE FUNCTION audit.log_ddl();
