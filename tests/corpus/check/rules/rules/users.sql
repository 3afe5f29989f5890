-- Spelled differently from the database's, same rule.
create rule NO_DELETE as on delete to public.users
  do instead nothing;

-- Several actions and a WHERE condition; the database has one action and no state.
CREATE RULE "Log Ü ""x""" AS ON UPDATE TO users
  WHERE old.name IS DISTINCT FROM new.name
  DO ALSO (INSERT INTO log VALUES (new.id, 'renamed'); INSERT INTO log VALUES (old.id, 'was'));
ALTER TABLE users DISABLE RULE "Log Ü ""x""";

-- Not in the database.
CREATE RULE users_notify AS ON INSERT TO users DO ALSO NOTIFY users_changed;
