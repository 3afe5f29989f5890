-- Views over views (three levels), joins, CTE, window function, column alias list, UNION, VALUES, subquery, views across schemas and over a materialized view.
CREATE SCHEMA rpt;
CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), placed timestamptz);
CREATE TABLE customers (name text PRIMARY KEY, region text);
CREATE VIEW v1 AS SELECT o.id, o.customer, o.amount, c.region FROM orders o JOIN customers c ON c.name = o.customer;
CREATE VIEW v2 (region, total, orders_count) AS SELECT region, sum(amount), count(*) FROM v1 GROUP BY region;
CREATE VIEW rpt.v3 AS SELECT region, total, rank() OVER (ORDER BY total DESC) AS r FROM v2 WHERE total > 0;
CREATE VIEW rpt.with_cte AS WITH big AS (SELECT * FROM orders WHERE amount > 100) SELECT customer, count(*) AS n FROM big GROUP BY customer;
CREATE VIEW unioned AS SELECT customer AS name FROM orders UNION SELECT name FROM customers;
CREATE VIEW constants (k, v) AS VALUES (1, 'one'), (2, 'two');
CREATE VIEW sub AS SELECT id, (SELECT max(amount) FROM orders) AS max_amount FROM orders WHERE customer IN (SELECT name FROM customers WHERE region IS NOT NULL);
CREATE MATERIALIZED VIEW rpt.totals AS SELECT * FROM rpt.v3;
CREATE VIEW over_mat AS SELECT region FROM rpt.totals WHERE r = 1;
CREATE VIEW lateral_json AS SELECT o.id, x.k FROM orders o, LATERAL (SELECT o.customer AS k) x;
