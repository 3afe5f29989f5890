select count(*) = 2 and max(id) = 2 from t
