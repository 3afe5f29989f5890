SELECT count(*) = 2 AND sum(n) = 3 FROM fi.t
