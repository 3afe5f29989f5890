select a = 5 and b = 6 from t
