CREATE OR REPLACE VIEW V_AGG AS
SELECT   sym,
         COUNT(*)   AS n,
         MAX(score) AS top
FROM     public.g
GROUP BY sym
HAVING   COUNT(*) > 1
