select count(*) = 2 and sum(n) = 3 from events
