CREATE RULE active_users_ins AS ON INSERT TO active_users
  DO INSTEAD INSERT INTO users (id, name) VALUES (new.id, new.name);
COMMENT ON RULE active_users_ins ON active_users IS 'insert through the view';
