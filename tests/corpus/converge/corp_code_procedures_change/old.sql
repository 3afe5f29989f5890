-- Procedures: a body change with a defaulted parameter added (a new signature), INOUT made OUT (part of the identity since PostgreSQL 14), SECURITY DEFINER dropped and a SET added, a procedure dropped, a COMMIT-ing body changed, a VARIADIC procedure added, comments on procedures; a mixed-case schema.
CREATE SCHEMA "Proc";
CREATE TABLE "Proc".log (id serial PRIMARY KEY, msg text, lvl int);
CREATE PROCEDURE "Proc".note(m text) LANGUAGE sql AS $$INSERT INTO "Proc".log (msg) VALUES (m)$$;
CREATE PROCEDURE "Proc".two(a int, INOUT b int) LANGUAGE plpgsql AS $$BEGIN b := a + b; END$$;
CREATE PROCEDURE "Proc".secure() LANGUAGE plpgsql SECURITY DEFINER AS $$BEGIN PERFORM 1; END$$;
CREATE PROCEDURE "Proc".gone() LANGUAGE sql AS 'select 1';
CREATE PROCEDURE "Proc".batch() LANGUAGE plpgsql AS $$BEGIN COMMIT; END$$;
COMMENT ON PROCEDURE "Proc".batch() IS 'commits';
COMMENT ON PROCEDURE "Proc".note(text) IS 'logs';
