SELECT (SELECT count(*) FROM "Att"."Log") = 2 AND (SELECT "Body" FROM "Att"."Log" WHERE id = 1) = 'kept'
