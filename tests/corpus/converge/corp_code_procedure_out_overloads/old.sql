-- Procedures with OUT parameters (part of a procedure's signature since PostgreSQL 14, but not of what tells overloads apart): an overload with an OUT parameter added next to an IN one, an OUT parameter added (drop and create), an INOUT one's body changed, comments on each, EXECUTE revoked from PUBLIC on one.
CREATE SCHEMA po;
CREATE PROCEDURE po.get(a int) LANGUAGE sql AS 'select a';
CREATE PROCEDURE po.pair(a int, OUT b int) LANGUAGE plpgsql AS $$BEGIN b := a; END$$;
CREATE PROCEDURE po.io(INOUT a int) LANGUAGE plpgsql AS $$BEGIN a := a + 1; END$$;
COMMENT ON PROCEDURE po.pair(int, int) IS 'one out';
