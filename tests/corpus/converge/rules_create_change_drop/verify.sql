SELECT (SELECT count(*) FROM items) = 2 AND (SELECT deleted FROM items WHERE id = 2)
