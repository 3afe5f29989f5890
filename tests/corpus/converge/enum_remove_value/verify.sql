select m = 'happy' from t
