SELECT (SELECT state::text FROM orders) = 'paid' AND (SELECT seqtypid::regtype::text FROM pg_sequence WHERE seqrelid = 'users_id_seq'::regclass) = 'bigint' AND nextval('users_id_seq') = 2147483001
