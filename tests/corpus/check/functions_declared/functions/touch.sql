-- Spelled differently from live.sql on purpose: $function$ quoting, LANGUAGE after the body,
-- lower case keywords. Only what PostgreSQL stores is compared.
create or replace function touch() returns trigger as $function$BEGIN NEW.updated_at := now(); RETURN NEW; END$function$
language plpgsql;
