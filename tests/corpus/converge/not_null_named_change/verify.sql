select count(*) = 1 from users where note = 'x'
