SELECT (SELECT count(*) FROM users WHERE NOT locked) = 1 AND (SELECT count(*) FROM receipts_linearized WHERE thread_id IS NULL) = 1
