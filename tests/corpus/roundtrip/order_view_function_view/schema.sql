-- A view calling a function whose body reads another view: view, function, view, in that order.
CREATE TABLE "Orders" (id int PRIMARY KEY, total numeric NOT NULL);
CREATE VIEW big_orders AS SELECT id, total FROM "Orders" WHERE total > 100;
CREATE FUNCTION big_total() RETURNS numeric STABLE LANGUAGE sql
  BEGIN ATOMIC SELECT sum(total) FROM big_orders; END;
CREATE VIEW "Summary" AS SELECT big_total() AS big, (SELECT count(*) FROM "Orders") AS n;
CREATE FUNCTION rows_of(v big_orders) RETURNS numeric LANGUAGE sql AS 'select v.total';
CREATE MATERIALIZED VIEW totals AS SELECT rows_of(b) AS t FROM big_orders b;
