CREATE VIEW open_orders AS SELECT id, code FROM orders WHERE note IS NULL;
