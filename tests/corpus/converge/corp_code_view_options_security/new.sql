CREATE SCHEMA vo;
CREATE TABLE vo.t (id int PRIMARY KEY, owner text, v int);
CREATE VIEW vo.sb WITH (security_barrier = false) AS SELECT id, v FROM vo.t WHERE v > 0;
CREATE VIEW vo.co AS SELECT id, v FROM vo.t WHERE v > 0 WITH CASCADED CHECK OPTION;
CREATE VIEW vo.co2 AS SELECT id, v FROM vo.co;
CREATE VIEW vo.si AS SELECT id FROM vo.t;
CREATE VIEW vo.plain WITH (security_invoker, security_barrier, check_option = local) AS SELECT id, owner FROM vo.t;
CREATE VIEW vo."Both" WITH (security_barrier = true, security_invoker = on) AS SELECT id FROM vo.t WHERE id > 0 WITH CHECK OPTION;
