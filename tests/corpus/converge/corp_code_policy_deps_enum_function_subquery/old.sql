-- Policies under changes of what they read: an enum gains a label used by a new policy, a function a policy calls changes its return type (int to bigint: drop and create), a column another table's policy reads in a subquery is retyped, and a policy's expression casts to a domain.
CREATE SCHEMA pd;
CREATE TYPE pd.level AS ENUM ('low', 'high');
CREATE DOMAIN pd.org_id AS int CHECK (VALUE > 0);
CREATE TABLE pd.members (uid int, org int);
CREATE TABLE pd.docs (id int PRIMARY KEY, org int, lvl pd.level);
CREATE FUNCTION pd.me() RETURNS int LANGUAGE sql STABLE AS $$SELECT 1$$;
ALTER TABLE pd.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_member ON pd.docs USING (EXISTS (SELECT 1 FROM pd.members m WHERE m.org = docs.org AND m.uid = pd.me()));
CREATE POLICY by_level ON pd.docs FOR SELECT USING (lvl = 'low'::pd.level);
CREATE POLICY by_domain ON pd.docs FOR UPDATE USING (org::pd.org_id IS NOT NULL);
