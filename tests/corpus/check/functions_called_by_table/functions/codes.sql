CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$SELECT 'C' || nextval('code_seq')$$;
CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
-- Names a table and a view: created after them, whatever the file order.
CREATE FUNCTION recent() RETURNS SETOF orders LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT * FROM orders ORDER BY id DESC LIMIT 10;
END;
CREATE FUNCTION first_open() RETURNS open_orders LANGUAGE sql STABLE AS $$SELECT * FROM open_orders LIMIT 1$$;
CREATE FUNCTION open_orders_ins() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO orders (id) VALUES (NEW.id); RETURN NEW; END$$;
