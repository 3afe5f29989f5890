CREATE VIEW active_users AS SELECT id, name FROM users WHERE NOT deleted;
