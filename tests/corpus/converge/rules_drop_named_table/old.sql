-- A rule names a table the plan drops: the rule goes first, and comes back redefined after.
CREATE TABLE orders (id int PRIMARY KEY);
CREATE TABLE order_log (id int);
CREATE TABLE archive (id int);
CREATE RULE orders_log AS ON INSERT TO orders DO ALSO (INSERT INTO order_log VALUES (new.id); INSERT INTO archive VALUES (new.id));
CREATE RULE archive_only AS ON DELETE TO archive DO INSTEAD NOTHING;
