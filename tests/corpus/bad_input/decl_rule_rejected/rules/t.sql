-- The action names a table nobody declared.
CREATE RULE t_log AS ON INSERT TO t
  DO ALSO INSERT INTO no_such_log VALUES (new.id);
