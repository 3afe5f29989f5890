CREATE VIEW v WITH (security_barrier) AS SELECT a FROM hot;
