CREATE PROCEDURE archive(INOUT n integer) LANGUAGE plpgsql AS $$BEGIN n := n + 1; END$$;
CREATE AGGREGATE total(int4) (stype = int4, sfunc = int4pl, initcond = 0);
