select v = 1 and name = 'a' and code = 'x' from t where id = 1
