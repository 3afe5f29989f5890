-- A view rebuilt (its table's column is retyped) is read by a policy's subquery and by a BEGIN ATOMIC function a check constraint calls: both must go before the view and come back after it; rows survive.
CREATE SCHEMA pv;
CREATE TABLE pv.members (uid int, org int);
CREATE VIEW pv.my_orgs AS SELECT org FROM pv.members WHERE uid = 1;
CREATE TABLE pv.docs (id int PRIMARY KEY, org int);
ALTER TABLE pv.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON pv.docs USING (org IN (SELECT org FROM pv.my_orgs));
CREATE FUNCTION pv.n_orgs() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM pv.my_orgs; END;
CREATE VIEW pv.summary AS SELECT pv.n_orgs() AS n;
