SELECT (SELECT count(*) FROM "Sales") = 2 AND (SELECT count(*) FROM refund) = 1
