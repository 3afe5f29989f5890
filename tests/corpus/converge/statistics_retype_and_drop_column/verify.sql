SELECT count(*) = 3 AND sum(zip) = 60 FROM places
