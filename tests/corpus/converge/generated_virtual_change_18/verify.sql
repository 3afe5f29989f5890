select sum(new_expr) = 13 and sum(to_virtual) = 6 and sum(to_stored) = 9 and sum(added) = 5 and count(to_plain) = 0 from gv
