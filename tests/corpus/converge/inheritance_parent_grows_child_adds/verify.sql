SELECT (SELECT count(*) FROM "Base") = 2
