SELECT (SELECT "name" FROM "Tag") = 'x' AND (SELECT count(*) FROM "_PostToTag") = 1
