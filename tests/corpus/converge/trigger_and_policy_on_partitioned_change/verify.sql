SELECT count(*) = 1 FROM "PTrg"."Log"
