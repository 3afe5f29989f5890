CREATE SEQUENCE code_seq;
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$SELECT 'C' || nextval('code_seq')$$;
CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  code text DEFAULT next_code(),
  doubled bigint GENERATED ALWAYS AS (twice(id)) STORED,
  note text,
  CONSTRAINT orders_id_check CHECK (twice(id) > 0)
);
CREATE INDEX orders_twice ON orders (twice(id));
CREATE VIEW open_orders AS SELECT id, code FROM orders WHERE note IS NULL;
CREATE FUNCTION recent() RETURNS SETOF orders LANGUAGE sql STABLE BEGIN ATOMIC SELECT * FROM orders ORDER BY id DESC LIMIT 10; END;
CREATE FUNCTION first_open() RETURNS open_orders LANGUAGE sql STABLE AS $$SELECT * FROM open_orders LIMIT 1$$;
CREATE FUNCTION open_orders_ins() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO orders (id) VALUES (NEW.id); RETURN NEW; END$$;
CREATE TRIGGER open_orders_ins INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION open_orders_ins();
