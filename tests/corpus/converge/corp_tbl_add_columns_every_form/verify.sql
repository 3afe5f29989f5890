select count(*) = 2 and bool_and(twice = id * 2) and count(distinct seq_no) = 2 and bool_and(tiers = '{free}') from accounts
