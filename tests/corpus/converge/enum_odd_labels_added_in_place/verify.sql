SELECT count(*) = 2 FROM "En Chg".task
