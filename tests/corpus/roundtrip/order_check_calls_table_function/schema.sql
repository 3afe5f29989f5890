-- A check and a default calling SQL-standard routines that read another table: the routines need that table, the checking table needs the routines.
CREATE TABLE limits (k text PRIMARY KEY, v int NOT NULL);
CREATE FUNCTION max_for(key text) RETURNS int STABLE LANGUAGE sql
  BEGIN ATOMIC SELECT v FROM limits WHERE limits.k = key; END;
CREATE FUNCTION "Default Qty"() RETURNS int STABLE LANGUAGE sql
  BEGIN ATOMIC SELECT min(v) FROM limits; END;
CREATE TABLE orders (id int PRIMARY KEY, qty int DEFAULT "Default Qty"() CONSTRAINT qty_limit CHECK (qty <= max_for('qty')));
