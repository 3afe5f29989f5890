select (select count(*) from a_ref) = 1 and (select count(*) from b_ref) = 1
