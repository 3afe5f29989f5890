SELECT (SELECT b FROM grand) = 2 AND (SELECT count(*) FROM "P One") = 1
