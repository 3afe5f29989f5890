select new_name = 'kept' from t where id = 1
