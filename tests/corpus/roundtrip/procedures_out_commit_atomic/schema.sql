-- Procedures and SQL-standard bodies: a procedure with an OUT parameter (14+), a plpgsql procedure that COMMITs, a SECURITY DEFINER procedure with SET search_path, a BEGIN ATOMIC procedure with several statements, a BEGIN ATOMIC function returning SETOF with a RETURN query, procedure overloads, comments and EXECUTE grants on procedures.
DO $$ BEGIN CREATE ROLE "Batch Runner" NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Proc";
CREATE TABLE "Proc".jobs (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, state text NOT NULL DEFAULT 'new', n int);
CREATE PROCEDURE "Proc".count_jobs(IN st text, OUT n bigint) LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM "Proc".jobs WHERE state = st; END;
CREATE PROCEDURE "Proc"."Batch Done"(batch int DEFAULT 100) LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..batch LOOP UPDATE "Proc".jobs SET state = 'done' WHERE id = i; IF i % 10 = 0 THEN COMMIT; END IF; END LOOP;
END $$;
CREATE PROCEDURE "Proc".reset_all() LANGUAGE plpgsql SECURITY DEFINER SET search_path = "Proc", pg_temp AS $$ BEGIN UPDATE jobs SET state = 'new'; END $$;
CREATE PROCEDURE "Proc".enqueue(k int) LANGUAGE sql BEGIN ATOMIC
  INSERT INTO "Proc".jobs (n) VALUES (k);
  UPDATE "Proc".jobs SET state = 'queued' WHERE n = k;
END;
CREATE PROCEDURE "Proc".enqueue(k int, st text) LANGUAGE sql BEGIN ATOMIC INSERT INTO "Proc".jobs (n, state) VALUES (k, st); END;
CREATE FUNCTION "Proc".open_jobs() RETURNS SETOF "Proc".jobs LANGUAGE sql STABLE BEGIN ATOMIC SELECT * FROM "Proc".jobs WHERE state <> 'done' ORDER BY id; END;
CREATE FUNCTION "Proc".job_label(j "Proc".jobs) RETURNS text LANGUAGE sql IMMUTABLE RETURN j.state || '#' || j.id;
COMMENT ON PROCEDURE "Proc"."Batch Done"(int) IS 'commits every ten rows';
REVOKE ALL ON PROCEDURE "Proc".reset_all() FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE "Proc".reset_all() TO "Batch Runner";
GRANT EXECUTE ON PROCEDURE "Proc".enqueue(int, text) TO "Batch Runner" WITH GRANT OPTION;
