-- A column retyped and widened at the bottom of a three-level view chain with a materialized view (and its unique index) and a SETOF-view function plus a view over that function on top: all rebuilt around the table change, rows kept; another SETOF-view function is not declared any more.
CREATE SCHEMA vc;
CREATE TABLE vc.base (id int PRIMARY KEY, amount int, tag varchar(10));
CREATE VIEW vc.l1 AS SELECT id, amount, tag FROM vc.base;
CREATE VIEW vc.l2 AS SELECT id, amount * 2 AS dbl, upper(tag) AS tag FROM vc.l1;
CREATE VIEW vc.l3 AS SELECT sum(dbl) AS total FROM vc.l2;
CREATE MATERIALIZED VIEW vc.m AS SELECT id, tag FROM vc.l2;
CREATE UNIQUE INDEX m_id ON vc.m (id);
CREATE FUNCTION vc.rows_of() RETURNS SETOF vc.l1 LANGUAGE sql AS 'select * from vc.l1';
CREATE FUNCTION vc.gone_rows() RETURNS SETOF vc.l1 LANGUAGE sql AS 'select * from vc.l1';
CREATE VIEW vc.via_fn AS SELECT id FROM vc.rows_of();
