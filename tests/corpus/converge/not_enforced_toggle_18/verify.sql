select count(*) = 1 from child
