-- View options one at a time and together: security_barrier to an explicit false, LOCAL to CASCADED CHECK OPTION, a check option removed, security_invoker removed and added, all three on a plain view, and a body change that keeps its options.
CREATE SCHEMA vo;
CREATE TABLE vo.t (id int PRIMARY KEY, owner text, v int);
CREATE VIEW vo.sb WITH (security_barrier) AS SELECT id, v FROM vo.t WHERE v > 0;
CREATE VIEW vo.co AS SELECT id, v FROM vo.t WHERE v > 0 WITH LOCAL CHECK OPTION;
CREATE VIEW vo.co2 AS SELECT id, v FROM vo.co WITH CASCADED CHECK OPTION;
CREATE VIEW vo.si WITH (security_invoker = true) AS SELECT id FROM vo.t;
CREATE VIEW vo.plain AS SELECT id, owner FROM vo.t;
CREATE VIEW vo."Both" WITH (security_barrier = true, security_invoker = on) AS SELECT id FROM vo.t WITH CHECK OPTION;
