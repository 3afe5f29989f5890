CREATE SCHEMA po;
CREATE PROCEDURE po.get(a int) LANGUAGE sql AS 'select a';
CREATE PROCEDURE po.get(a text, OUT r int) LANGUAGE plpgsql AS $$BEGIN r := length(a); END$$;
CREATE PROCEDURE po.pair(a int, OUT b int, OUT c text) LANGUAGE plpgsql AS $$BEGIN b := a; c := 'y'; END$$;
CREATE PROCEDURE po.io(INOUT a int) LANGUAGE plpgsql AS $$BEGIN a := a + 2; END$$;
COMMENT ON PROCEDURE po.pair(int, int, text) IS 'two outs';
COMMENT ON PROCEDURE po.get(text, int) IS 'out overload';
REVOKE EXECUTE ON PROCEDURE po.get(text, int) FROM PUBLIC;
