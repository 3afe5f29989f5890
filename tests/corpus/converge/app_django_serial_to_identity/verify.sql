SELECT (SELECT count(*) FROM blog_entry) = 1 AND (SELECT attidentity FROM pg_attribute WHERE attrelid = 'auth_user'::regclass AND attname = 'id') = 'd'
