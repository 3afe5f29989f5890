select count(*) = 1 from v
