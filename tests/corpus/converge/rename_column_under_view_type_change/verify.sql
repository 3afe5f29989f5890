select new_v = 42 from t
