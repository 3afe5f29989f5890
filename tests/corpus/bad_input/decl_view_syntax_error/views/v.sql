-- a view
CREATE VIEW v AS
  SELECT a,
         nosuchcol
  FROM t;
