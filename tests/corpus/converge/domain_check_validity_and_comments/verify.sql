SELECT n = 4 FROM "Dom Chk".t
