SELECT count(*) = 2 FROM h
