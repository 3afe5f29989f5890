-- Overloads of one name (and of "F" and "f.g", which differ only by case or a dot): one dropped, two added (bigint, int[], varchar), comments per overload added, changed and removed, EXECUTE revoked and granted per overload with grant option.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA "Over Load";
CREATE FUNCTION "Over Load".f(int) RETURNS int LANGUAGE sql AS 'select $1';
CREATE FUNCTION "Over Load".f(text) RETURNS text LANGUAGE sql AS 'select $1';
CREATE FUNCTION "Over Load".f(int, int) RETURNS int LANGUAGE sql AS 'select $1 + $2';
CREATE FUNCTION "Over Load"."F"(int) RETURNS int LANGUAGE sql AS 'select -$1';
CREATE FUNCTION "Over Load"."f.g"(int) RETURNS int LANGUAGE sql AS 'select 0';
COMMENT ON FUNCTION "Over Load".f(int) IS 'int one';
COMMENT ON FUNCTION "Over Load".f(text) IS 'text one';
REVOKE EXECUTE ON FUNCTION "Over Load".f(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "Over Load".f(int, int) TO pgdrift_code_app;
GRANT EXECUTE ON FUNCTION "Over Load"."f.g"(int) TO "pgdrift Code Odd";
