select count(*) = 2 from c
