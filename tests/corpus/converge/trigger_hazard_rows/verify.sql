select count(*) = 1 from busy
