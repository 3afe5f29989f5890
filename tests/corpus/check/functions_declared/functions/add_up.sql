CREATE FUNCTION "Add Up"(a int, b int = 1) RETURNS int
  IMMUTABLE LANGUAGE sql
  RETURN a   +   b;

CREATE FUNCTION "Add Up"(a int8) RETURNS int8 LANGUAGE sql AS $$SELECT a$$;
