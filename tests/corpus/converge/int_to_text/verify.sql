select a = '42' from t
