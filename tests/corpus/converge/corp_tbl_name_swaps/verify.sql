select a_new = 10 and b = 20 from t where id = 1
