CREATE TABLE orders (id int PRIMARY KEY);
CREATE TABLE order_log (id int);
CREATE RULE orders_log AS ON INSERT TO orders DO ALSO INSERT INTO order_log VALUES (new.id);
