CREATE SCHEMA "Proc";
CREATE TABLE "Proc".log (id serial PRIMARY KEY, msg text, lvl int);
CREATE PROCEDURE "Proc".note(m text, lvl int DEFAULT 0) LANGUAGE sql AS $$INSERT INTO "Proc".log (msg, lvl) VALUES (m, lvl)$$;
CREATE PROCEDURE "Proc".two(a int, OUT b int) LANGUAGE plpgsql AS $$BEGIN b := a * 2; END$$;
CREATE PROCEDURE "Proc".secure() LANGUAGE plpgsql SET search_path = "Proc" AS $$BEGIN PERFORM 1; END$$;
CREATE PROCEDURE "Proc".batch() LANGUAGE plpgsql AS $$BEGIN COMMIT; ROLLBACK; END$$;
CREATE PROCEDURE "Proc"."Many"(VARIADIC xs text[]) LANGUAGE plpgsql AS $$BEGIN PERFORM cardinality(xs); END$$;
COMMENT ON PROCEDURE "Proc".batch() IS 'commits, then rolls back';
COMMENT ON PROCEDURE "Proc"."Many"(text[]) IS 'variadic';
