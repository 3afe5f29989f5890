SELECT (SELECT count(*) FROM "Part Chg"."Events") = 1
