select count(*) = 2 and bool_and(g = 42) and sum(e) = 11 from t
