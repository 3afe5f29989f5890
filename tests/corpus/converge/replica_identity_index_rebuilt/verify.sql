SELECT (SELECT count(*) FROM accounts) = 2 AND (SELECT v FROM keyed WHERE id = 1) = 10
